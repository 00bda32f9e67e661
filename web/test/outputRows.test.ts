import { describe, expect, it } from 'vitest';
import type { ConfigView, OutputStats, Stats } from '../src/api/outputs';
import { latencyText, outputRows } from '../src/logic/outputRows';

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
    const stats = { pipeline_figures: 'live', outputs: { a: STATS, gone: STATS }, max_stored_seq: 9 } as Stats;
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
