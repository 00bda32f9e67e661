import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { OutputType } from '../src/api/outputs';
import { withOutput } from '../src/logic/configYaml';
import { fieldOfError, fieldsOf, rangeText, settingsOf, sizeText, streamsOf, type Field } from '../src/logic/outputForm';

// The file type as GET /api/output-types describes it, with one setting of each other kind.
const FILE: OutputType = {
  type: 'file',
  settings: [
    { name: 'path', kind: 'string', required: true, default: null, choices: [], min: null, max: null, help: 'The file to append JSON lines to' },
    { name: 'max_bytes', kind: 'bytes', required: false, default: '100MiB', choices: [], min: null, max: null, help: 'Rotate past this size' },
    { name: 'max_files', kind: 'integer', required: false, default: 10, choices: [], min: 1, max: 1000, help: 'Rotated files kept' },
    { name: 'fsync', kind: 'boolean', required: false, default: false, choices: [], min: null, max: null, help: 'Force each batch to disk' },
  ],
};
const KAFKA: OutputType = {
  type: 'kafka',
  settings: [
    { name: 'bootstrap_servers', kind: 'list', required: true, default: null, choices: [], min: null, max: null, help: 'The brokers' },
    { name: 'acks', kind: 'choice', required: false, default: 'all', choices: ['all', '-1', '1'], min: null, max: null, help: 'Acks' },
    { name: 'properties', kind: 'map', required: false, default: null, choices: [], min: null, max: null, help: 'Producer settings' },
  ],
};

function set(fields: Field[], name: string, value: string | boolean): Field[] {
  return fields.map((f) => (f.setting.name === name ? { ...f, value } : f));
}

describe('fieldsOf', () => {
  it('makes one field per setting, empty text for a new output and the default for a checkbox or choice', () => {
    expect(fieldsOf(FILE).map((f) => [f.setting.name, f.value])).toEqual([
      ['path', ''],
      ['max_bytes', ''],
      ['max_files', ''],
      ['fsync', false],
    ]);
    expect(fieldsOf(KAFKA).find((f) => f.setting.name === 'acks')?.value).toBe('all');
  });

  it('fills the fields from an existing output, lists and maps as text', () => {
    const fields = fieldsOf(KAFKA, {
      bootstrap_servers: ['a:9092', 'b:9092'],
      acks: '1',
      properties: { 'security.protocol': 'SSL', 'retries': 3 },
    });
    expect(fields.map((f) => f.value)).toEqual(['a:9092, b:9092', '1', 'security.protocol: SSL\nretries: 3']);
  });
});

describe('settingsOf', () => {
  it('writes only what differs from the defaults, numbers as numbers', () => {
    let fields = set(fieldsOf(FILE), 'path', ' out/orders.jsonl ');
    fields = set(fields, 'max_files', '3');
    fields = set(fields, 'max_bytes', '100MiB');
    expect(settingsOf(fields)).toEqual({ ok: true, settings: { path: 'out/orders.jsonl', max_files: 3 } });
    expect(settingsOf(set(fields, 'fsync', true))).toEqual({
      ok: true,
      settings: { path: 'out/orders.jsonl', max_files: 3, fsync: true },
    });
  });

  it('keeps a size written with its unit as text and a plain one as a number', () => {
    const fields = set(fieldsOf(FILE), 'path', 'x');
    expect(settingsOf(set(fields, 'max_bytes', '512KiB'))).toMatchObject({ settings: { max_bytes: '512KiB' } });
    expect(settingsOf(set(fields, 'max_bytes', '4096'))).toMatchObject({ settings: { max_bytes: 4096 } });
  });

  it('names each field that cannot be saved: a required one left empty, a number that is not one', () => {
    const result = settingsOf(set(fieldsOf(FILE), 'max_files', 'ten'));
    expect(result).toEqual({
      ok: false,
      errors: {
        path: 'path: missing; The file to append JSON lines to',
        max_files: 'max_files: expected a whole number from 1 to 1000, got "ten"',
      },
    });
  });

  it('refuses a whole number out of its range, as the server words it', () => {
    const fields = set(set(fieldsOf(FILE), 'path', 'x'), 'max_files', '0');
    expect(settingsOf(fields)).toEqual({
      ok: false,
      errors: { max_files: 'max_files: 0 is out of range; expected a whole number from 1 to 1000' },
    });
  });

  it('reads a list from commas or lines and a map from name: value lines', () => {
    let fields = set(fieldsOf(KAFKA), 'bootstrap_servers', 'a:9092,\nb:9092, ');
    fields = set(fields, 'properties', 'linger.ms: 7\n\nsecurity.protocol: SSL');
    expect(settingsOf(fields)).toEqual({
      ok: true,
      settings: { bootstrap_servers: ['a:9092', 'b:9092'], properties: { 'linger.ms': '7', 'security.protocol': 'SSL' } },
    });
    expect(settingsOf(set(fields, 'properties', 'no colon'))).toEqual({
      ok: false,
      errors: { properties: 'properties: expected a line of name: value, got "no colon"' },
    });
  });
});

const CONFIG = `# the capture's config
streams:
  - name: frames
    conditions: [{field: type, operator: equals, value: ws_frame}]
    outputs: [out]
  - name: calls
    conditions: [{field: type, operator: equals, value: http}]
    output: out
outputs:
  out: {type: file, path: out.jsonl, start_from: earliest}
`;

describe('withOutput', () => {
  it('adds an output and binds it to the streams chosen, keeping the rest and its comments', () => {
    const yaml = withOutput(CONFIG, {
      name: 'orders',
      type: 'file',
      settings: { path: 'orders.jsonl', max_files: 3 },
      streams: ['calls'],
    });
    expect(yaml.startsWith("# the capture's config\n")).toBe(true);
    const config = parse(yaml);
    expect(config.outputs.orders).toEqual({ type: 'file', path: 'orders.jsonl', max_files: 3 });
    expect(config.outputs.out).toEqual({ type: 'file', path: 'out.jsonl', start_from: 'earliest' });
    expect(config.streams[0].outputs).toEqual(['out']);
    expect(config.streams[1].outputs).toEqual(['out', 'orders']);
    expect(config.streams[1].output).toBeUndefined();
    expect(streamsOf(config.streams, 'orders')).toEqual(['calls']);
  });

  it('replaces an output, keeps its start_from, and unbinds the streams left out', () => {
    const config = parse(withOutput(CONFIG, { name: 'out', type: 'file', settings: { path: 'new.jsonl' }, streams: ['frames'] }));
    expect(config.outputs.out).toEqual({ type: 'file', start_from: 'earliest', path: 'new.jsonl' });
    expect(config.streams[0].outputs).toEqual(['out']);
    expect(config.streams[1].output).toBeUndefined();
    expect(config.streams[1].outputs).toBeUndefined();
  });

  it('renames an output in the streams that ship to it', () => {
    const config = parse(
      withOutput(CONFIG, { name: 'archive', previousName: 'out', type: 'file', settings: { path: 'a' }, streams: ['frames', 'calls'] }),
    );
    expect(Object.keys(config.outputs)).toEqual(['archive']);
    expect(config.streams[0].outputs).toEqual(['archive']);
    expect(config.streams[1].output).toBe('archive');
  });

  it('starts the outputs of a config that has none', () => {
    expect(parse(withOutput('', { name: 'o', type: 'stdout', settings: {}, streams: [] }))).toEqual({
      outputs: { o: { type: 'stdout' } },
    });
  });
});

describe('rangeText', () => {
  it('says a setting\'s range, sizes in their units', () => {
    expect(rangeText(FILE.settings[2])).toBe(' from 1 to 1000');
    expect(rangeText({ ...FILE.settings[1], min: 1, max: 2 ** 40 })).toBe(' from 1 B to 1 TiB');
    expect(rangeText({ ...FILE.settings[2], max: 9223372036854775807 })).toBe(' of at least 1');
    expect(rangeText(FILE.settings[0])).toBe('');
    expect(sizeText(512 * 1024)).toBe('512 KiB');
    expect(sizeText(1000)).toBe('1000 B');
  });
});

describe('fieldOfError', () => {
  it('finds the field a saved config was refused for', () => {
    const message = '/data/datasipper.yaml: outputs.orders.max_files: 0 is out of range; expected a whole number from 1 to 1000';
    expect(fieldOfError(message, 'orders', FILE.settings)).toBe('max_files');
    expect(fieldOfError(message, 'other', FILE.settings)).toBeNull();
    expect(fieldOfError('/d.yaml: streams[0].outputs: "x" is not an output', 'orders', FILE.settings)).toBeNull();
  });
});
