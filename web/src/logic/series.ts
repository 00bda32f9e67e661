// Turns the stats' per-minute counts into what a chart draws: one time axis and a line per name.

/** The most lines a chart draws; the smaller names are summed into one line past that. */
export const MAX_LINES = 8;
export const OTHERS = 'others';

/** A chart's data: minute starts (Unix seconds), and per line its name and one count a minute. */
export interface MinuteSeries {
  minutes: number[];
  lines: { name: string; counts: number[] }[];
}

/**
 * The lines of a chart, the busiest first (by total over the hour, then by name). Names that
 * counted nothing in the hour are left out; past {@link MAX_LINES}, the quietest are summed into
 * one line named {@link OTHERS}. The streams' `_unmatched` is a line like any other.
 */
export function minuteSeries(firstMinute: string, counts: Record<string, number[]> | null): MinuteSeries {
  const start = Date.parse(firstMinute);
  if (Number.isNaN(start)) throw new Error(`first_minute: not a date-time: ${JSON.stringify(firstMinute)}`);
  const length = counts ? Math.max(0, ...Object.values(counts).map((c) => c.length)) : 0;
  const minutes = Array.from({ length }, (_, i) => start / 1000 + i * 60);
  const lines = Object.entries(counts ?? {})
    .map(([name, c]) => ({ name, counts: padded(c, length), total: c.reduce((a, b) => a + b, 0) }))
    .filter((l) => l.total > 0)
    .sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (lines.length <= MAX_LINES) return { minutes, lines: lines.map(({ name, counts: c }) => ({ name, counts: c })) };
  const kept = lines.slice(0, MAX_LINES - 1).map(({ name, counts: c }) => ({ name, counts: c }));
  const rest = lines.slice(MAX_LINES - 1);
  const summed = minutes.map((_, i) => rest.reduce((sum, l) => sum + l.counts[i], 0));
  return { minutes, lines: [...kept, { name: OTHERS, counts: summed }] };
}

function padded(counts: number[], length: number): number[] {
  return counts.length === length ? counts : [...counts, ...new Array<number>(length - counts.length).fill(0)];
}

/** Whether two charts draw the same lines in the same order (so new counts can replace the old in place). */
export function sameLines(a: MinuteSeries, b: MinuteSeries): boolean {
  return a.lines.length === b.lines.length && a.lines.every((l, i) => l.name === b.lines[i].name);
}

/** The sum of each line's counts over the hour, for the chart's legend: name → total. */
export function lineTotals(series: MinuteSeries): Record<string, number> {
  return Object.fromEntries(series.lines.map((l) => [l.name, l.counts.reduce((a, b) => a + b, 0)]));
}

/** A byte count as people read it: 1,536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A count with thousands separators, or "—" for a figure the server does not have (null). */
export function formatCount(n: number | null): string {
  return n === null ? '—' : n.toLocaleString('en-US');
}
