import { describe, expect, it } from 'vitest';
import { notInFile } from '../src/logic/notInFile';

describe('notInFile', () => {
  it('marks a stream or output the loading file no longer names as removed', () => {
    expect(notInFile({ file: '/d/datasipper.yaml', valid: true }, 'stream')).toEqual({
      mark: 'removed',
      title: '/d/datasipper.yaml no longer names this stream: these are the figures it made under this name',
    });
  });
  it('says nothing beside the name while the file does not load, or has not been read', () => {
    expect(notInFile({ file: '/d/datasipper.yaml', valid: false }, 'output')).toEqual({
      mark: null,
      title: 'the config file does not load, so which outputs it names is not known: these are the figures the pipeline reports',
    });
    expect(notInFile(null, 'stream').mark).toBeNull();
  });
});
