// The outputs' side of the API: the output types and their settings, the run's figures per output,
// the config the outputs are saved in, and the dead letters. Shapes follow outputtypes.json,
// stats.json, config.json and deadletters.json.
import { requestJson } from '../api';

export type SettingKind = 'string' | 'secret' | 'integer' | 'bytes' | 'boolean' | 'choice' | 'list' | 'map';

/** One key an output type takes, as its factory describes it. */
export interface OutputSetting {
  name: string;
  kind: SettingKind;
  required: boolean;
  default: unknown;
  choices: string[];
  /** The range of an integer or bytes setting; null for other kinds. */
  min: number | null;
  max: number | null;
  help: string;
}

export interface OutputType {
  type: string;
  settings: OutputSetting[];
}

export type Health = 'starting' | 'ok' | 'lagging' | 'failing' | 'stopped';

export interface OutputStats {
  health: Health;
  /** Fell behind its streams and reads the stored events on its own until it has caught up. */
  catching_up: boolean;
  delivered: number;
  pending_events: number;
  dead_lettered: number;
  retries: number;
  last_error: string | null;
  next_retry_at: string | null;
  latency_seconds: { count: number; p50: number | null; p99: number | null; max: number | null };
  /** In saved figures, for an output the last delivery did not run: when the earlier one whose figures these are saved them. */
  earlier_delivery_saved_at?: string;
}

/** The part of /api/stats the outputs page reads. */
export interface Stats {
  pipeline_figures: 'live' | 'saved' | null;
  /** When saved figures were saved; null unless pipeline_figures is 'saved'. */
  pipeline_figures_saved_at: string | null;
  /** With saved figures, the process delivering now (`pid N (command)`); null when none does. */
  delivering_process: string | null;
  outputs: Record<string, OutputStats> | null;
  max_stored_seq: number | null;
}

/** A stream as the config file writes it (only what the outputs page reads or changes). */
export interface ConfigStream {
  name: string;
  output?: string;
  outputs?: string[];
}

export interface ConfigView {
  file: string;
  exists: boolean;
  version: string;
  yaml: string;
  valid: boolean;
  error: string | null;
  streams: ConfigStream[];
  outputs: Record<string, Record<string, unknown>>;
  pipeline_runs: boolean;
}

export interface Saved {
  version: string;
  outputs: number;
  reload: { outcome: string; message: string; error: string | null };
}

export interface DeadLetter {
  id: number;
  state: 'dead' | 'requeued' | 'delivered';
  redeliveries: number;
  state_at: string | null;
  at: string;
  stream: string;
  output: string | null;
  source_seq: number;
  event_id: string;
  record: unknown;
  error: string;
}

export interface DeadLetterFilter {
  stream?: string;
  output?: string;
}

/** The output types, and the folder plugins are read from with each plugin left out and why. */
export interface OutputTypes {
  types: OutputType[];
  plugins: { folder: string; problems: string[] };
}

export function fetchOutputTypes(): Promise<OutputTypes> {
  return requestJson<OutputTypes>('/api/output-types');
}

export function fetchStats(): Promise<Stats> {
  return requestJson<Stats>('/api/stats');
}

export function fetchConfig(): Promise<ConfigView> {
  return requestJson<ConfigView>('/api/config');
}

/** Replaces the config file; it is checked as the CLI checks it, and the pipeline reloads. */
export function saveConfig(yaml: string, version: string): Promise<Saved> {
  return requestJson<Saved>('/api/config', {
    method: 'PUT',
    headers: { 'Content-Type': 'text/yaml', 'If-Match': `"${version}"` },
    body: yaml,
  });
}

function filterQuery(filter: DeadLetterFilter): string {
  const params = new URLSearchParams();
  if (filter.stream) params.set('stream', filter.stream);
  if (filter.output) params.set('output', filter.output);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface DeadLetterPage {
  dead_letters: DeadLetter[];
  /** Set when more letters follow this page. */
  next: number | null;
}

/** The oldest dead letters of the filter, at most {@code limit} (the server takes up to 1,000). */
export function fetchDeadLetters(filter: DeadLetterFilter, limit: number): Promise<DeadLetterPage> {
  const query = filterQuery(filter);
  return requestJson<DeadLetterPage>(`/api/dead-letters${query}${query ? '&' : '?'}limit=${limit}`);
}

export function fetchDeadLetter(id: number): Promise<DeadLetter> {
  return requestJson<DeadLetter>(`/api/dead-letters/${id}`);
}

export function redeliver(id: number): Promise<DeadLetter> {
  return requestJson<DeadLetter>(`/api/dead-letters/${id}/redeliver`, { method: 'POST' });
}

/** The filter as the body of a request that acts on every dead letter it takes. */
function filterBody(filter: DeadLetterFilter): RequestInit {
  const body: DeadLetterFilter = {};
  if (filter.stream) body.stream = filter.stream;
  if (filter.output) body.output = filter.output;
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/** Sends back every dead letter the filter takes; answers how many were requeued. */
export async function redeliverAll(filter: DeadLetterFilter): Promise<number> {
  return (await requestJson<{ requeued: number }>('/api/dead-letters/redeliver', filterBody(filter))).requeued;
}

/** Deletes one dead letter for good (refused while its output is still to write it again). */
export async function discard(id: number): Promise<void> {
  await requestJson<{ discarded: number }>(`/api/dead-letters/${id}`, { method: 'DELETE' });
}

/** Deletes every dead letter the filter takes but those being sent back; answers how many. */
export async function discardAll(filter: DeadLetterFilter): Promise<number> {
  return (await requestJson<{ discarded: number }>('/api/dead-letters/discard', filterBody(filter))).discarded;
}
