// The outputs table: one row per output the config names or the running pipeline reports, with
// what the pipeline's figures say of it.
import type { ConfigStream, ConfigView, OutputStats, Stats } from '../api/outputs';
import { streamsOf } from './outputForm';

export interface OutputRow {
  name: string;
  /** The config's type, or null for an output only the pipeline still reports (removed from the file). */
  type: string | null;
  streams: string[];
  /** null when no pipeline reports it (not delivering, or just added). */
  stats: OutputStats | null;
}

export function outputRows(config: ConfigView | null, stats: Stats | null): OutputRow[] {
  const configured = config?.outputs ?? {};
  const reported = stats?.outputs ?? {};
  const names = [...new Set([...Object.keys(configured), ...Object.keys(reported)])].sort();
  const streams: ConfigStream[] = config?.streams ?? [];
  return names.map((name) => ({
    name,
    type: configured[name] ? String(configured[name].type ?? '') : null,
    streams: streamsOf(streams, name),
    stats: reported[name] ?? null,
  }));
}

/** A latency in seconds as people read it: 850 µs, 12 ms, 1.4 s; a dash when nothing was timed. */
export function latencyText(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 0.001) return `${Math.round(seconds * 1e6)} µs`;
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  return `${seconds.toFixed(1)} s`;
}

export function countText(n: number | undefined): string {
  return n === undefined ? '–' : n.toLocaleString('en-US');
}
