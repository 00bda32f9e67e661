// A test-run's answer as the editor shows it: one row per event tried, its input beside what the
// transform made of it.

import type { TryResult } from '../api/transforms';
import { errorPosition, type SourcePosition } from './errorPosition';

export type TrialOutcome = 'records' | 'dropped' | 'failed' | 'unmatched';

export interface TrialRow {
  seq: number;
  outcome: TrialOutcome;
  /** The event tried, pretty-printed; "" when the answer did not carry it. */
  input: string;
  /** Each record the stream would ship, pretty-printed. */
  outputs: string[];
  error: string | null;
  /** Where in the source the event's error happened, when it says. */
  errorAt: SourcePosition | null;
}

export interface TrialSummary {
  tried: number;
  records: number;
  dropped: number;
  failed: number;
}

function pretty(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** Pairs each result with its event, oldest first, as the server answered them. */
export function trialRows(results: readonly TryResult[]): TrialRow[] {
  return results.map((r) => {
    const outcome: TrialOutcome = !r.matched ? 'unmatched' : r.error !== null ? 'failed' : r.dropped ? 'dropped' : 'records';
    return {
      seq: r.seq,
      outcome,
      input: r.event === undefined ? '' : pretty(r.event),
      outputs: r.records.map(pretty),
      error: r.error,
      errorAt: r.error === null ? null : errorPosition(r.error),
    };
  });
}

export function summarize(rows: readonly TrialRow[]): TrialSummary {
  return {
    tried: rows.length,
    records: rows.reduce((n, r) => n + r.outputs.length, 0),
    dropped: rows.filter((r) => r.outcome === 'dropped').length,
    failed: rows.filter((r) => r.outcome === 'failed').length,
  };
}
