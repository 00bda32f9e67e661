import type { Timing } from '../api';

export type TimingPhase = 'blocked' | 'dns' | 'connect' | 'ssl' | 'send' | 'wait' | 'receive';

export const TIMING_PHASES: readonly TimingPhase[] = ['blocked', 'dns', 'connect', 'ssl', 'send', 'wait', 'receive'];

/** One phase as a bar: where it starts and how wide it is, as fractions of the whole exchange. */
export interface TimingBar {
  phase: TimingPhase;
  ms: number;
  start: number;
  width: number;
}

/**
 * The phases laid end to end, as HAR's waterfall does. A phase that did not happen (HAR writes -1,
 * e.g. dns on a reused connection) counts as 0. SSL is part of connect in HAR, so it is drawn inside it.
 */
export function timingBars(t: Timing): TimingBar[] {
  const ms = (p: TimingPhase) => Math.max(0, t[`${p}_ms`]);
  const sequential = TIMING_PHASES.filter((p) => p !== 'ssl');
  const sum = sequential.reduce((acc, p) => acc + ms(p), 0);
  const whole = Math.max(sum, t.total_ms, 0);
  const bars: TimingBar[] = [];
  let at = 0;
  for (const phase of TIMING_PHASES) {
    const value = ms(phase);
    if (phase === 'ssl') {
      // The handshake is the end of connect.
      const connectEnd = at;
      bars.push({ phase, ms: value, start: whole > 0 ? (connectEnd - value) / whole : 0, width: whole > 0 ? value / whole : 0 });
      continue;
    }
    bars.push({ phase, ms: value, start: whole > 0 ? at / whole : 0, width: whole > 0 ? value / whole : 0 });
    at += value;
  }
  return bars;
}
