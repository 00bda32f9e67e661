import type { EventType } from '../api';
import { parseFilterText } from './filterText';
import type { Row } from './rows';

/**
 * The live table's filter: the types shown (empty: all), the stream that must take the event
 * ({@link NO_STREAM}: events no stream takes) and the tab it must come from ('' for any), and the
 * filter box's text: words and rule fields (see {@link parseFilterText}).
 */
export interface RowFilter {
  types: ReadonlySet<EventType>;
  stream: string;
  tab: string;
  text: string;
}

/**
 * The stream filter's value for the events no stream takes: what a user looks at to find traffic
 * the rules miss. Stream names are [a-z0-9_.-], so no stream is called this.
 */
export const NO_STREAM = '(none)';

export const NO_FILTER: RowFilter = { types: new Set(), stream: '', tab: '', text: '' };

function filters(filter: RowFilter): boolean {
  return filter.types.size > 0 || filter.stream !== '' || filter.tab !== '' || filter.text.trim() !== '';
}

/**
 * A test for rows. The text is read by {@link parseFilterText}: words, each matched
 * case-insensitively anywhere in the row's type, method, status and URL ("post 500 api" finds a
 * failing POST to an API), and fields of the stream rules ("method:post status:5xx host:api").
 */
export function rowMatcher(filter: RowFilter): (row: Row) => boolean {
  const { tests } = parseFilterText(filter.text);
  const { types, stream, tab } = filter;
  if (!filters(filter)) return () => true;
  return (row) =>
    (types.size === 0 || types.has(row.type)) &&
    (stream === '' || (stream === NO_STREAM ? row.streams.length === 0 : row.streams.includes(stream))) &&
    (tab === '' || row.tab === tab) &&
    tests.every((test) => test(row));
}

/** The rows that pass, oldest first; all of them (the same array) when nothing filters. */
export function filterRows(rows: readonly Row[], filter: RowFilter): readonly Row[] {
  if (!filters(filter)) return rows;
  return rows.filter(rowMatcher(filter));
}
