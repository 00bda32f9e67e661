// The streams page's calls: the config (GET/PUT /api/config), the rule language (GET
// /api/rules/schema), trying conditions (POST /api/streams/{name}/try) and the run's figures
// (GET /api/stats). Shapes follow the OpenAPI fragments config.json, rules.json and stats.json.
import { requestJson } from '../api';
import type { Condition, ValueKind } from '../logic/rules';

export interface ConfigFile {
  file: string;
  exists: boolean;
  version: string;
  yaml: string | null;
  valid: boolean;
  error: string | null;
  streams: Array<Record<string, unknown>>;
  outputs: Record<string, Record<string, unknown>>;
  pipeline_runs: boolean;
}

export interface ConfigSaved {
  file: string;
  version: string;
  reload: { outcome: string; message: string; error: string | null };
}

export interface RuleSchema {
  fields: Array<{ name: string; prefix: string | null; types: string[] }>;
  operators: Array<{ key: string; value: ValueKind }>;
  logic: string[];
}

export interface StreamFigures {
  matched: number;
  transformed: number;
  /** Absent from figures saved by a version before it was counted. */
  records?: number;
  dropped: number;
  failed: number;
  /** In saved figures, for a stream the last delivery did not run: when the earlier one whose figures these are saved them. */
  earlier_delivery_saved_at?: string;
}

export interface OutputFigures {
  health: string;
  delivered: number;
  pending_events: number;
  dead_lettered: number;
  last_error: string | null;
}

/** The parts of /api/stats the streams page shows. */
export interface Stats {
  per_minute: { first_minute: string; by_stream: Record<string, number[]> | null };
  streams: Record<string, StreamFigures> | null;
  outputs: Record<string, OutputFigures> | null;
}

export interface TryResult {
  seq: number;
  matched: boolean;
}


export function fetchConfig(): Promise<ConfigFile> {
  return requestJson<ConfigFile>('/api/config');
}

/** Replaces the config file; the server checks it as the CLI does and the running pipeline reloads it. */
export function saveConfig(yaml: string, version: string): Promise<ConfigSaved> {
  return requestJson<ConfigSaved>('/api/config', {
    method: 'PUT',
    headers: { 'Content-Type': 'text/yaml', 'If-Match': version === 'none' ? 'none' : `"${version}"` },
    body: yaml,
  });
}

export function fetchRuleSchema(): Promise<RuleSchema> {
  return requestJson<RuleSchema>('/api/rules/schema');
}

export function fetchStats(): Promise<Stats> {
  return requestJson<Stats>('/api/stats');
}

/** Whether each of the last {@code limit} stored events matches the conditions; the transform is not run. */
export async function tryConditions(
  stream: string,
  rule: { logic?: string; conditions: Condition[] },
  limit: number,
  signal: AbortSignal,
): Promise<TryResult[]> {
  const answer = await requestJson<{ results: TryResult[] }>(`/api/streams/${encodeURIComponent(stream)}/try`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ limit, match_only: true, ...rule }),
    signal,
  });
  return answer.results;
}
