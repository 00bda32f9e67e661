import type { Row } from './rows';

/**
 * The live table's filter box, read: the tests every row shown must pass, and a line for each part
 * of the text the box could not use. The box takes words, which a row must hold anywhere in its
 * type, method, status and URL, and fields of the stream rules that an event's summary carries:
 * `host:shop.example.com`, `status:>=400`, `status:5xx`, `method:post`, `type:ws`, `path:/api/`,
 * `query.page:2`, `size:>10k`, `duration_ms:>500`, `direction:sent`, `tab_id:A1B2`. Text fields
 * match when they contain the value, in any case; `-` before a word or field leaves out what it
 * matches; double quotes keep spaces in a value (`path:"/my files/"`).
 */
export interface FilterText {
  tests: readonly ((row: Row) => boolean)[];
  problems: readonly string[];
}

type Getter<T> = (row: Row) => T | undefined;

const TEXT_FIELDS: Record<string, Getter<string>> = {
  type: (r) => r.type,
  method: (r) => (r.type === 'http' ? r.method || undefined : undefined),
  host: (r) => r.host || undefined,
  // The row's path carries the query; the rule field's does not.
  path: (r) => (r.url && r.host ? r.path.split('?')[0] || '/' : undefined),
  url: (r) => r.url || undefined,
  direction: (r) => (r.type === 'ws_frame' ? (r.method === '→' ? 'sent' : 'received') : undefined),
  tab_id: (r) => r.tab || undefined,
  'source.tab_id': (r) => r.tab || undefined,
};

const NUMBER_FIELDS: Record<string, Getter<number>> = {
  status: (r) => (r.status > 0 ? r.status : undefined),
  size: (r) => (r.size >= 0 ? r.size : undefined),
  duration_ms: (r) => (r.durationMs >= 0 ? r.durationMs : undefined),
};

const FIELD_NAMES = 'type, method, status, host, path, url, query.NAME, size, duration_ms, direction, tab_id';

/** Rule fields an event's summary lacks: the table cannot test them, a stream's rule can. */
const WHOLE_EVENT_FIELDS = /^(mime_type|resource_type|opcode|connection_id|event|message|error\.kind|(request|response)\.(headers|body|json)(\..*|\[.*)?|payload(\..*)?|data(\..*)?|source\..*)$/;

/** `name:value`, where a name is a rule field's spelling; a URL's `https://` is no field. */
const FIELD_TOKEN = /^([a-z_][a-z0-9_]*(?:\.[^:\s]+)?):(?!\/\/)(.*)$/i;

const COMPARISON = /^(>=|<=|>|<|=)?(\d+(?:\.\d+)?)([km]?)$/i;
const STATUS_CLASS = /^([1-5])xx$/i;
const RANGE = /^(\d+)-(\d+)$/;

export function parseFilterText(text: string): FilterText {
  const tests: ((row: Row) => boolean)[] = [];
  const problems: string[] = [];
  for (const token of tokens(text)) {
    const negated = token.startsWith('-') && token.length > 1;
    const body = negated ? token.slice(1) : token;
    const test = tokenTest(body, problems);
    if (test) tests.push(negated ? (row) => !test(row) : test);
  }
  return { tests, problems };
}

/** Splits at white space outside double quotes; the quotes go. */
function tokens(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:[^\s"]+|"[^"]*"?)+/g)) {
    found.push(match[0].replace(/"/g, ''));
  }
  return found;
}

function tokenTest(token: string, problems: string[]): ((row: Row) => boolean) | null {
  const field = FIELD_TOKEN.exec(token);
  if (!field) return wordTest(token);
  const name = field[1].toLowerCase();
  const value = field[2];
  if (value === '') return null; // still being typed
  const text = TEXT_FIELDS[name];
  if (text) {
    const wanted = value.toLowerCase();
    return (row) => text(row)?.toLowerCase().includes(wanted) ?? false;
  }
  const number = NUMBER_FIELDS[name];
  if (number) {
    const test = numberTest(value);
    if (!test) {
      problems.push(`${name}:${value}: not a number; try ${name}:404, ${name}:>=400, ${name}:4xx or ${name}:400-499`);
      return null;
    }
    return (row) => {
      const n = number(row);
      return n !== undefined && test(n);
    };
  }
  if (name.startsWith('query.') && name.length > 'query.'.length) {
    const param = field[1].slice('query.'.length);
    const wanted = value.toLowerCase();
    return (row) => queryParam(row, param)?.toLowerCase().includes(wanted) ?? false;
  }
  if (WHOLE_EVENT_FIELDS.test(name)) {
    problems.push(`${name}: the table keeps each event's summary, without headers, bodies or payloads;` +
      ' a stream\'s rule can test this field (Streams, New stream)');
    return null;
  }
  // localhost:8080 is a host and port, no misspelt field.
  if (!/^\d+(\/|$)/.test(value)) problems.push(`${field[1]}: not a field; searched for as text. Fields: ${FIELD_NAMES}`);
  return wordTest(token);
}

function wordTest(word: string): (row: Row) => boolean {
  const lower = word.toLowerCase();
  return (row) => row.haystack.includes(lower);
}

function numberTest(value: string): ((n: number) => boolean) | null {
  const statusClass = STATUS_CLASS.exec(value);
  if (statusClass) {
    const low = Number(statusClass[1]) * 100;
    return (n) => n >= low && n < low + 100;
  }
  const range = RANGE.exec(value);
  if (range) {
    const [low, high] = [Number(range[1]), Number(range[2])];
    return (n) => n >= low && n <= high;
  }
  const comparison = COMPARISON.exec(value);
  if (!comparison) return null;
  // Sizes as the table shows them: powers of 1000.
  const unit = { '': 1, k: 1000, m: 1_000_000 }[comparison[3].toLowerCase()] ?? 1;
  const bound = Number(comparison[2]) * unit;
  switch (comparison[1]) {
    case '>':
      return (n) => n > bound;
    case '>=':
      return (n) => n >= bound;
    case '<':
      return (n) => n < bound;
    case '<=':
      return (n) => n <= bound;
    default:
      return (n) => n === bound;
  }
}

/** From the row's path, which holds the URL's query once parsed: parsing the whole URL again cost more. */
function queryParam(row: Row, name: string): string | undefined {
  const start = row.host ? row.path.indexOf('?') : -1;
  return start < 0 ? undefined : (new URLSearchParams(row.path.slice(start)).get(name) ?? undefined);
}
