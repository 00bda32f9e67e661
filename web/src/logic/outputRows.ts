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

/**
 * Whose figures the table shows: the running pipeline's, or those a delivery saved in the store, how
 * long ago and whether it still runs (once none does, the server reports every output stopped).
 */
export function figuresText(stats: Stats | null, nowMillis: number): string {
  if (stats?.pipeline_figures === 'live') return 'figures of the running pipeline';
  if (stats?.pipeline_figures === 'saved' && stats.pipeline_figures_saved_at !== null) {
    const seconds = Math.max(0, Math.round((nowMillis - Date.parse(stats.pipeline_figures_saved_at)) / 1000));
    return stats.delivering_process === null
      ? `figures the last delivery saved ${agoText(seconds)}; none runs now`
      : `figures ${stats.delivering_process} saved ${agoText(seconds)}`;
  }
  return 'no pipeline delivers here';
}

function agoText(seconds: number): string {
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} days ago`;
}

export function countText(n: number | undefined): string {
  return n === undefined ? '–' : n.toLocaleString('en-US');
}
