// The streams table: one row per stream the config names, then one per stream only the pipeline's
// figures still report (renamed or removed from the file since it counted them), so the events a
// stream took under its old name do not vanish from the page with the name.
import { UNMATCHED_STREAM } from '../api';
import type { ConfigFile, Stats } from '../api/streams';

export interface StreamRow {
  name: string;
  /** false for a stream only the figures report: the config no longer names it. */
  configured: boolean;
  /** The outputs the config sends it to; none for a stream the config no longer names. */
  outputs: string[];
}

function outputsOf(entry: Record<string, unknown>): string[] {
  const list = Array.isArray(entry.outputs) ? entry.outputs.map(String) : [];
  return typeof entry.output === 'string' ? [entry.output, ...list] : list;
}

/** The config's streams in its order, then the ones only the figures report, by name. */
export function streamRows(config: ConfigFile, stats: Stats | null): StreamRow[] {
  const configured = config.streams.map((entry) => ({ name: String(entry.name), configured: true, outputs: outputsOf(entry) }));
  const names = new Set(configured.map((r) => r.name));
  const reported = Object.keys(stats?.streams ?? {})
    .filter((name) => name !== UNMATCHED_STREAM && !names.has(name)) // no stream a user made, so no row
    .sort()
    .map((name) => ({ name, configured: false, outputs: [] }));
  return [...configured, ...reported];
}
