import { describe, expect, it } from 'vitest';
import { formatDuration, formatSize, formatStatus, formatTime, toRow } from '../src/logic/rows';
import { frameSummary, httpSummary } from './fixtures';

describe('toRow', () => {
  it('shows an exchange with its host, path and query, status, response size and duration', () => {
    const row = toRow(httpSummary(7));
    expect(row).toMatchObject({
      seq: 7,
      type: 'http',
      method: 'GET',
      status: 200,
      host: 'api.example.com',
      path: '/v1/items?page=2',
      size: 15,
      durationMs: 42,
      time: Date.parse('2026-12-02T09:00:00.042Z'),
    });
  });

  it('shows a failed request with no status and no size', () => {
    const row = toRow(httpSummary(1, { status: undefined, size: undefined }));
    expect(row.status).toBe(0);
    expect(row.size).toBe(-1);
    expect(formatStatus(row.status)).toBe('');
    expect(formatSize(row.size)).toBe('');
  });

  it('shows a frame with its direction as an arrow and its length', () => {
    const sent = toRow(frameSummary(3, 'sent'));
    expect(sent).toMatchObject({ method: '→', host: 'live.example.com', path: '/socket', size: 10, durationMs: -1 });
    expect(toRow(frameSummary(4)).method).toBe('←');
  });

  it("shows each event's own host and path, however many other URLs came between", () => {
    const url = (i: number) => `https://host${i % 7}.example.com/items/${i}?page=${i}`;
    for (let i = 0; i < 1000; i++) {
      const row = toRow(httpSummary(i, { url: url(i) }));
      expect(row.host).toBe(`host${i % 7}.example.com`);
      expect(row.path).toBe(`/items/${i}?page=${i}`);
    }
    for (const i of [0, 1, 500, 999]) {
      expect(toRow(httpSummary(i, { url: url(i) }))).toMatchObject({ host: `host${i % 7}.example.com`, path: `/items/${i}?page=${i}` });
    }
    expect(toRow(httpSummary(1, { url: 'not a url' }))).toMatchObject({ host: '', path: 'not a url' });
  });

  it('shows a capture gap by its reason, having no URL', () => {
    const row = toRow({ type: 'capture_gap', seq: 9, time: '2026-12-02T09:00:00Z', text: 'the store fell behind' });
    expect(row.host).toBe('');
    expect(row.path).toBe('the store fell behind');
  });
});

describe('formatting', () => {
  it('writes sizes as a network panel does', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(999)).toBe('999 B');
    expect(formatSize(1500)).toBe('1.5 kB');
    expect(formatSize(2_000_000)).toBe('2.0 MB');
  });

  it('writes durations with a unit that fits', () => {
    expect(formatDuration(4.24)).toBe('4.2 ms');
    expect(formatDuration(320.4)).toBe('320 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(-1)).toBe('');
  });

  it('writes local times with milliseconds', () => {
    const t = new Date(2026, 11, 2, 14, 3, 7, 42).getTime();
    expect(formatTime(t)).toBe('14:03:07.042');
    expect(formatTime(NaN)).toBe('');
  });
});
