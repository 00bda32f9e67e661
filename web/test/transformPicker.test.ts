import { describe, expect, it } from 'vitest';
import { noStreamsText } from '../src/logic/transformPicker';

const file = '/d/datasipper.yaml';

describe('noStreamsText', () => {
  it('says the config file is not there yet, not that it defines nothing', () => {
    expect(noStreamsText({ file, exists: false, valid: true, streams: [] })).toBe(
      'There is no /d/datasipper.yaml yet: make a stream first, then shape its events here.',
    );
  });

  it('says a file that does not load offers nothing to pick until it is mended', () => {
    expect(noStreamsText({ file, exists: true, valid: false, streams: [] })).toBe(
      '/d/datasipper.yaml does not load, so it offers no stream to pick: mend it first.',
    );
  });

  it('says a file without streams defines none yet', () => {
    expect(noStreamsText({ file, exists: true, valid: true, streams: [] })).toBe(
      '/d/datasipper.yaml defines no streams yet: make one first, then shape its events here.',
    );
  });

  it('says nothing when there are streams to pick, even from a file that does not load', () => {
    expect(noStreamsText({ file, exists: true, valid: false, streams: [{ name: 'frames' }] })).toBeNull();
  });
});
