import type { EventType } from '../api';
import type { Row } from './rows';

/**
 * The live table's filter: the types shown (empty: all), the stream that must take the event and
 * the tab it must come from ('' for any), and a free text every word of which must appear.
 */
export interface RowFilter {
  types: ReadonlySet<EventType>;
  stream: string;
  tab: string;
  text: string;
}

export const NO_FILTER: RowFilter = { types: new Set(), stream: '', tab: '', text: '' };

function filters(filter: RowFilter): boolean {
  return filter.types.size > 0 || filter.stream !== '' || filter.tab !== '' || filter.text.trim() !== '';
}

/**
 * A test for rows. The text is split into words, each matched case-insensitively anywhere in the
 * row's type, method, status and URL: "post 500 api" finds a failing POST to an API.
 */
export function rowMatcher(filter: RowFilter): (row: Row) => boolean {
  const words = filter.text.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  const { types, stream, tab } = filter;
  if (!filters(filter)) return () => true;
  return (row) =>
    (types.size === 0 || types.has(row.type)) &&
    (stream === '' || row.streams.includes(stream)) &&
    (tab === '' || row.tab === tab) &&
    words.every((w) => row.haystack.includes(w));
}

/** The rows that pass, oldest first; all of them (the same array) when nothing filters. */
export function filterRows(rows: readonly Row[], filter: RowFilter): readonly Row[] {
  if (!filters(filter)) return rows;
  return rows.filter(rowMatcher(filter));
}
