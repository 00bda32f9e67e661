import { describe, expect, it } from 'vitest';
import { errorPosition, markRange } from '../src/logic/errorPosition';
import { summarize, trialRows } from '../src/logic/trial';
import { setStreamTransform, YamlEditError } from '../src/logic/yamlTransform';

describe('errorPosition', () => {
  it('reads the line and column of a transform that does not load', () => {
    expect(
      errorPosition("body.transform: transform of stream 'frames': line 3, column 7: syntax error: Expected an operand but found ;"),
    ).toEqual({ line: 3, column: 7 });
  });

  it('reads them from a config error too', () => {
    expect(
      errorPosition("/d/datasipper.yaml: streams[0].transform: stream 'frames': line 12, column 1: syntax error: x"),
    ).toEqual({ line: 12, column: 1 });
  });

  it("reads the line of an event's error", () => {
    expect(errorPosition("TypeError: Cannot read property 'n' of undefined (line 5)")).toEqual({ line: 5 });
  });

  it('finds no place in an error that names none', () => {
    expect(errorPosition('ran more than 100000 statements')).toBeNull();
    expect(errorPosition('stopped after 1000 ms (line of fire)')).toBeNull();
  });
});

describe('markRange', () => {
  const source = 'function transform(e) {\n  return e.;\n}';
  it('marks the character at the column', () => {
    const r = markRange(source, { line: 2, column: 12 });
    expect(source.slice(r.from, r.to)).toBe(';');
  });
  it('marks the whole line without a column', () => {
    const r = markRange(source, { line: 2 });
    expect(source.slice(r.from, r.to)).toBe('  return e.;');
  });
  it('keeps a place past the end inside the source', () => {
    const r = markRange(source, { line: 9, column: 40 });
    expect(r.from).toBeLessThanOrEqual(source.length);
    expect(r.to).toBeLessThanOrEqual(source.length);
  });
});

describe('trialRows', () => {
  const rows = trialRows([
    { seq: 4, matched: true, dropped: false, records: [{ a: 1 }, { a: 2 }], error: null, event: { seq: 4, url: 'u' } },
    { seq: 5, matched: true, dropped: true, records: [], error: null, event: { seq: 5 } },
    { seq: 6, matched: true, dropped: false, records: [], error: 'Error: five (line 2)', event: { seq: 6 } },
    { seq: 7, matched: false, dropped: false, records: [], error: null },
  ]);

  it('pairs each event with what the transform made of it', () => {
    expect(rows[0]).toMatchObject({ seq: 4, outcome: 'records', outputs: ['{\n  "a": 1\n}', '{\n  "a": 2\n}'] });
    expect(rows[0].input).toBe('{\n  "seq": 4,\n  "url": "u"\n}');
  });

  it('marks dropped, failed and unmatched events, with the failing line', () => {
    expect(rows.map((r) => r.outcome)).toEqual(['records', 'dropped', 'failed', 'unmatched']);
    expect(rows[2].errorAt).toEqual({ line: 2 });
    expect(rows[3].input).toBe('');
  });

  it('counts what the run made', () => {
    expect(summarize(rows)).toEqual({ tried: 4, records: 2, dropped: 1, failed: 1 });
  });
});

describe('setStreamTransform', () => {
  const yaml = [
    '# my capture',
    'capture:',
    '  url: https://example.test',
    'streams:',
    '  - name: calls   # the API',
    '    conditions: [{field: type, operator: equals, value: http}]',
    "    transform: 'function transform(e) { return e; }'",
    '    outputs: [out]',
    '  - name: "frames"',
    '    conditions:',
    '      - {field: type, operator: equals, value: ws_frame}',
    '    transform_file: transforms/frames.js',
    '  - name: plain',
    '    outputs: [out]',
    '',
    'outputs:',
    '  out: {type: file, path: out.jsonl}',
    '',
  ].join('\n');
  const source = 'function transform(e) {\n  return {url: e.url};\n}\n';

  it('replaces an inline transform with a literal block, keeping the rest as written', () => {
    const edit = setStreamTransform(yaml, 'calls', source);
    expect(edit.inlinedFile).toBeNull();
    expect(edit.yaml).toBe(
      yaml.replace(
        "    transform: 'function transform(e) { return e; }'",
        '    transform: |\n      function transform(e) {\n        return {url: e.url};\n      }',
      ),
    );
  });

  it('replaces a transform_file, saying which file is no longer read', () => {
    const edit = setStreamTransform(yaml, 'frames', source);
    expect(edit.inlinedFile).toBe('transforms/frames.js');
    expect(edit.yaml).toContain('      - {field: type, operator: equals, value: ws_frame}\n    transform: |\n      function');
    expect(edit.yaml).not.toContain('transform_file');
  });

  it('adds a transform at the end of a stream that has none', () => {
    const edit = setStreamTransform(yaml, 'plain', 'function transform(e) { return null; }');
    expect(edit.yaml).toContain('  - name: plain\n    outputs: [out]\n    transform: |\n      function transform(e) { return null; }\n\noutputs:');
  });

  it('replaces a block transform whole, blank lines inside it too', () => {
    const once = setStreamTransform(yaml, 'calls', 'function transform(e) {\n\n  return e;\n}').yaml;
    const twice = setStreamTransform(once, 'calls', source).yaml;
    expect(twice).toBe(setStreamTransform(yaml, 'calls', source).yaml);
  });

  it('says how a first line that starts with spaces is indented', () => {
    expect(setStreamTransform(yaml, 'plain', '  function transform(e) { return e; }').yaml).toContain('transform: |2\n');
  });

  it('refuses what it cannot place, naming it', () => {
    expect(() => setStreamTransform(yaml, 'nope', source)).toThrow(YamlEditError);
    expect(() => setStreamTransform(yaml, 'nope', source)).toThrow("stream 'nope': no such stream");
    expect(() => setStreamTransform('streams: [{name: a}]\n', 'a', source)).toThrow('on one line');
    expect(() => setStreamTransform(yaml, 'calls', '  ')).toThrow('empty');
  });
});
