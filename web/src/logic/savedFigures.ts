// Figures a delivery saved in the store, as the outputs and streams pages word them: whose they are
// and how old.
import type { Stats } from '../api/outputs';

/**
 * Whose figures the table shows: the running pipeline's, or those a delivery saved in the store, how
 * long ago and whether it still runs (once none does, the server reports every output stopped).
 */
export function figuresText(stats: Stats | null, nowMillis: number): string {
  if (stats?.pipeline_figures === 'live') return 'figures of the running pipeline';
  if (stats?.pipeline_figures === 'saved' && stats.pipeline_figures_saved_at !== null) {
    const seconds = secondsSince(stats.pipeline_figures_saved_at, nowMillis);
    return stats.delivering_process === null
      ? `figures the last delivery saved ${agoText(seconds)}; none runs now`
      : `figures ${stats.delivering_process} saved ${agoText(seconds)}`;
  }
  return 'no pipeline delivers here';
}

/**
 * What marks the figures of a stream or output the last delivery did not run: they are an earlier
 * delivery's, saved this long ago.
 */
export function earlierDeliveryText(savedAt: string, nowMillis: number): string {
  return `earlier delivery, ${agoText(secondsSince(savedAt, nowMillis))}`;
}

function secondsSince(iso: string, nowMillis: number): number {
  return Math.max(0, Math.round((nowMillis - Date.parse(iso)) / 1000));
}

function agoText(seconds: number): string {
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} days ago`;
}
