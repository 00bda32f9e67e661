import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, lineTotals, MAX_LINES, minuteSeries, OTHERS, sameLines } from '../src/logic/series';

const FIRST = '2026-12-02T11:00:00Z';
const T0 = Date.parse(FIRST) / 1000;

function hour(at: Record<number, number>): number[] {
  return Array.from({ length: 60 }, (_, i) => at[i] ?? 0);
}

describe('minuteSeries', () => {
  it('puts one minute start a count on the time axis, from the first minute', () => {
    const s = minuteSeries(FIRST, { http: hour({ 0: 3, 59: 7 }) });
    expect(s.minutes).toHaveLength(60);
    expect(s.minutes[0]).toBe(T0);
    expect(s.minutes[59]).toBe(T0 + 59 * 60);
    expect(s.lines).toEqual([{ name: 'http', counts: hour({ 0: 3, 59: 7 }) }]);
  });

  it('draws the busiest first and leaves out names that counted nothing', () => {
    const s = minuteSeries(FIRST, { sse: hour({ 1: 2 }), ws_frame: hour({ 1: 500, 2: 400 }), ws_close: hour({}), http: hour({ 3: 20 }) });
    expect(s.lines.map((l) => l.name)).toEqual(['ws_frame', 'http', 'sse']);
    expect(lineTotals(s)).toEqual({ ws_frame: 900, http: 20, sse: 2 });
  });

  it('orders names with equal totals by name, so the colours stay put between refreshes', () => {
    const s = minuteSeries(FIRST, { b: hour({ 0: 5 }), a: hour({ 9: 5 }) });
    expect(s.lines.map((l) => l.name)).toEqual(['a', 'b']);
  });

  it('sums the quietest into one line when there are more names than lines', () => {
    const counts: Record<string, number[]> = {};
    for (let i = 1; i <= MAX_LINES + 2; i++) counts[`stream-${i}`] = hour({ 0: i * 10, 5: 1 });
    const s = minuteSeries(FIRST, counts);
    expect(s.lines).toHaveLength(MAX_LINES);
    expect(s.lines[0].name).toBe(`stream-${MAX_LINES + 2}`);
    const others = s.lines[MAX_LINES - 1];
    expect(others.name).toBe(OTHERS);
    // stream-1, -2 and -3 are the quietest three: (10 + 20 + 30) in minute 0, 1 each in minute 5.
    expect(others.counts[0]).toBe(60);
    expect(others.counts[5]).toBe(3);
    const total = Object.values(counts).flat().reduce((a, b) => a + b, 0);
    expect(Object.values(lineTotals(s)).reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('has no lines and no minutes when the source is missing (no capture, no pipeline)', () => {
    expect(minuteSeries(FIRST, null)).toEqual({ minutes: [], lines: [] });
  });

  it('names the field when the first minute is not a date', () => {
    expect(() => minuteSeries('yesterday', {})).toThrow('first_minute: not a date-time: "yesterday"');
  });
});

describe('sameLines', () => {
  it('is true only for the same names in the same order', () => {
    const a = minuteSeries(FIRST, { http: hour({ 0: 2 }), sse: hour({ 0: 1 }) });
    const later = minuteSeries(FIRST, { http: hour({ 0: 9 }), sse: hour({ 1: 1 }) });
    const swapped = minuteSeries(FIRST, { http: hour({ 0: 1 }), sse: hour({ 0: 2 }) });
    expect(sameLines(a, later)).toBe(true);
    expect(sameLines(a, swapped)).toBe(false);
  });
});

describe('formatBytes and formatCount', () => {
  it('reads as people read sizes and counts', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MiB');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(null)).toBe('—');
  });
});
