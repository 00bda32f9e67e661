import { describe, expect, it } from 'vitest';
import type { ConfigView, OutputStats, Stats } from '../src/api/outputs';
import { latencyText, outputRows } from '../src/logic/outputRows';
import { earlierDeliveryText, figuresText } from '../src/logic/savedFigures';

const STATS: OutputStats = {
  health: 'lagging',
  catching_up: false,
  delivered: 1200,
  pending_events: 40,
  dead_lettered: 1,
  retries: 0,
  last_error: null,
  next_retry_at: null,
  latency_seconds: { count: 1200, p50: 0.012, p99: 0.2, max: 0.3 },
};

describe('outputRows', () => {
  it('lists every output the config names or the pipeline reports, with its streams and figures', () => {
    const config = {
      streams: [{ name: 'frames', outputs: ['b', 'a'] }, { name: 'calls', output: 'a' }],
      outputs: { b: { type: 'kafka' }, a: { type: 'file', path: 'x' } },
    } as unknown as ConfigView;
    const stats: Stats = { pipeline_figures: 'live', pipeline_figures_saved_at: null, delivering_process: null,
      outputs: { a: STATS, gone: STATS }, max_stored_seq: 9 };
    expect(outputRows(config, stats)).toEqual([
      { name: 'a', type: 'file', streams: ['frames', 'calls'], stats: STATS },
      { name: 'b', type: 'kafka', streams: ['frames'], stats: null },
      { name: 'gone', type: null, streams: [], stats: STATS },
    ]);
  });
  it('is empty before anything is read', () => {
    expect(outputRows(null, null)).toEqual([]);
  });
});

describe('latencyText', () => {
  it('picks the unit people read', () => {
    expect(latencyText(null)).toBe('–');
    expect(latencyText(0.00085)).toBe('850 µs');
    expect(latencyText(0.012)).toBe('12 ms');
    expect(latencyText(1.44)).toBe('1.4 s');
  });
});

describe('figuresText', () => {
  const saved = (at: string | null, by: string | null = 'pid 42 (deliver --follow)') =>
    ({ pipeline_figures: 'saved', outputs: {}, max_stored_seq: 9, pipeline_figures_saved_at: at, delivering_process: by }) as Stats;
  const now = Date.parse('2026-12-05T23:00:00Z');
  it("says whose figures the table shows, how old saved ones are and whether their delivery still runs", () => {
    expect(figuresText({ pipeline_figures: 'live', outputs: {}, max_stored_seq: 9, pipeline_figures_saved_at: null,
      delivering_process: null }, now)).toBe('figures of the running pipeline');
    expect(figuresText(saved('2026-12-05T22:59:59.400Z'), now)).toBe('figures pid 42 (deliver --follow) saved 1 s ago');
    expect(figuresText(saved('2026-12-05T22:45:00Z', null), now)).toBe('figures the last delivery saved 15 min ago; none runs now');
    expect(figuresText(saved('2026-12-05T18:00:00Z', null), now)).toBe('figures the last delivery saved 5 h ago; none runs now');
    expect(figuresText(saved('2026-11-30T23:00:00Z', null), now)).toBe('figures the last delivery saved 5 days ago; none runs now');
    expect(figuresText(null, now)).toBe('no pipeline delivers here');
    expect(figuresText({ pipeline_figures: null, outputs: null, max_stored_seq: 0, pipeline_figures_saved_at: null,
      delivering_process: null }, now)).toBe('no pipeline delivers here');
  });
});

describe('earlierDeliveryText', () => {
  const now = Date.parse('2026-12-05T23:00:00Z');
  it("says the figures are an earlier delivery's and how old", () => {
    expect(earlierDeliveryText('2026-12-05T22:59:30Z', now)).toBe('earlier delivery, 30 s ago');
    expect(earlierDeliveryText('2026-12-05T20:00:00Z', now)).toBe('earlier delivery, 3 h ago');
    expect(earlierDeliveryText('2026-12-01T23:00:00Z', now)).toBe('earlier delivery, 4 days ago');
  });
});
