import { describe, expect, it } from 'vitest';
import type { ConfigFile, Stats, StreamFigures } from '../src/api/streams';
import { streamRows } from '../src/logic/streamRows';

const FIGURES: StreamFigures = { matched: 20, transformed: 0, records: 20, dropped: 0, failed: 0 };

function config(streams: Array<Record<string, unknown>>): ConfigFile {
  return { file: 'datasipper.yaml', exists: true, version: 'v1', yaml: '', valid: true, error: null, streams, outputs: {},
    pipeline_runs: true };
}

function stats(streams: Record<string, StreamFigures> | null): Stats {
  return { per_minute: { first_minute: '2026-12-08T00:00:00Z', by_stream: null }, streams, outputs: null };
}

describe('streamRows', () => {
  it("lists the config's streams in its order with their outputs, then those only the figures report, by name, not the events no stream took", () => {
    const rows = streamRows(config([{ name: 'ws', outputs: ['b', 'a'] }, { name: 'calls', output: 'a' }]),
      stats({ calls: FIGURES, zeta: FIGURES, _unmatched: FIGURES, frames: FIGURES }));
    expect(rows).toEqual([
      { name: 'ws', configured: true, outputs: ['b', 'a'] },
      { name: 'calls', configured: true, outputs: ['a'] },
      { name: 'frames', configured: false, outputs: [] },
      { name: 'zeta', configured: false, outputs: [] },
    ]);
  });
  it('lists only the config when no pipeline reports figures', () => {
    expect(streamRows(config([{ name: 'ws' }]), stats(null))).toEqual([{ name: 'ws', configured: true, outputs: [] }]);
    expect(streamRows(config([]), null)).toEqual([]);
  });
});
