import { describe, expect, it } from 'vitest';
import { fromConditions, parseValue, RuleShapeError, streamNameProblem, toConditions, valueText } from '../src/logic/rules';
import { configWithStream, draftFromYaml, draftOf, streamYaml } from '../src/logic/streamYaml';

// The README's example rule: nested OR group, NOT, case-insensitive comparison, a list value.
const RULE = {
  logic: 'OR' as const,
  conditions: [
    { field: 'url', operator: 'contains', value: '/api/' },
    {
      conditions: [
        { field: 'status', operator: 'gte', value: 500 },
        { field: 'error.kind', operator: 'exists' },
      ],
      logic: 'OR' as const,
    },
    { not: { field: 'method', operator: 'in', value: ['OPTIONS', 'HEAD'] } },
    { field: 'request.headers.content-type', operator: 'starts_with', value: 'application/', case_insensitive: true },
  ],
};

describe('the rule tree', () => {
  it('reads conditions into groups, NOTs and comparisons', () => {
    const root = fromConditions(RULE);
    expect(root.logic).toBe('OR');
    expect(root.children.map((c) => c.kind)).toEqual(['comparison', 'group', 'not', 'comparison']);
    expect(root.children[3]).toMatchObject({ field: 'request.headers.content-type', caseInsensitive: true });
  });

  it('writes back the conditions it read', () => {
    const { logic, conditions } = toConditions(fromConditions(RULE));
    expect(logic).toBe('OR');
    expect(conditions).toEqual([
      RULE.conditions[0],
      { logic: 'OR', conditions: RULE.conditions[1].conditions },
      RULE.conditions[2],
      RULE.conditions[3],
    ]);
  });

  it('leaves out the default AND, reads logic in any case', () => {
    const rule = { logic: 'and', conditions: [{ field: 'type', operator: 'equals', value: 'http' }] };
    expect(toConditions(fromConditions(rule))).toEqual({ conditions: rule.conditions });
    expect(fromConditions({ logic: 'Or', conditions: [] }).logic).toBe('OR');
  });

  it('names the path to a condition it cannot read', () => {
    expect(() => fromConditions({ conditions: [{ field: 'url', operator: 'exists' }, { not: 'x' }] })).toThrow(
      new RuleShapeError('conditions[1].not: expected {field, operator, value}, {logic, conditions} or {not: condition}'),
    );
    expect(() => fromConditions({ conditions: 'url' })).toThrow('.conditions: expected a list of conditions, got "url"');
    expect(() => fromConditions({ logic: 'XOR', conditions: [] })).toThrow('.logic: "XOR" is not AND or OR');
  });
});

describe('values typed in the builder', () => {
  it('are read as the operator takes them', () => {
    expect(parseValue('500', 'number')).toBe(500);
    expect(parseValue('200', 'scalar')).toBe(200);
    expect(parseValue('GET', 'scalar')).toBe('GET');
    expect(parseValue('GET, POST,, 204', 'list')).toEqual(['GET', 'POST', 204]);
    expect(parseValue('/api/1', 'text')).toBe('/api/1');
    expect(parseValue('anything', 'none')).toBeUndefined();
  });
  it('show as they are typed', () => {
    expect(valueText(['GET', 204])).toBe('GET, 204');
    expect(valueText(undefined)).toBe('');
  });
});

describe('stream names', () => {
  it('follow the rules engine', () => {
    expect(streamNameProblem('api_calls.v1-2')).toBeNull();
    expect(streamNameProblem('')).toBe('a stream needs a name');
    expect(streamNameProblem('Api')).toContain('is not a stream name');
    expect(streamNameProblem('_unmatched')).toContain('reserved');
  });
});

describe('the YAML the CLI reads', () => {
  const FILE = `# the shop's pipeline
streams:
  - name: frames # every frame
    conditions: [{field: type, operator: equals, value: ws_frame}]
    outputs: [out]
outputs:
  out: {type: file, path: /var/lib/datasipper/exports/shop/orders-and-frames.jsonl, start_from: earliest}
`;

  it('shows a stream with one comparison a line and reads it back', () => {
    const draft = draftOf({ name: 'api', ...RULE, outputs: ['out'], transform: 'function transform(e) { return e; }' });
    const text = streamYaml(draft);
    expect(text).toContain('  - {field: url, operator: contains, value: /api/}\n');
    expect(text).toContain('outputs: [out]');
    expect(draftFromYaml(text)).toEqual(draft);
  });

  it('replaces one stream and keeps the rest of the file, comments and long lines included', () => {
    const draft = draftFromYaml('name: frames\nconditions: [{field: direction, operator: equals, value: sent}]\noutputs: [out]');
    expect(configWithStream(FILE, 'frames', draft)).toBe(`# the shop's pipeline
streams:
  - name: frames
    conditions:
      - {field: direction, operator: equals, value: sent}
    outputs: [out]
outputs:
  out: {type: file, path: /var/lib/datasipper/exports/shop/orders-and-frames.jsonl, start_from: earliest}
`);
  });

  it('adds a stream, to a file that has none or to no file at all', () => {
    const draft = draftOf({ name: 'calls', conditions: [{ field: 'type', operator: 'equals', value: 'http' }] });
    expect(configWithStream(FILE, null, draft)).toContain(
      '    outputs: [out]\n  - name: calls\n    conditions:\n      - {field: type, operator: equals, value: http}\noutputs:',
    );
    expect(configWithStream(null, null, draft)).toBe(
      'streams:\n  - name: calls\n    conditions:\n      - {field: type, operator: equals, value: http}\n',
    );
  });

  it('says when the YAML view holds no stream', () => {
    expect(() => draftFromYaml('- a\n- b')).toThrow('expected one stream');
    expect(() => draftFromYaml('name: [')).toThrow();
  });
});
