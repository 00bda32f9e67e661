// The API calls of the transform editor: the config file, trying a transform, saving the file.
// Shapes follow server/.../openapi/config.json.

import { ApiError, getJson } from '../api';

export interface TryResult {
  seq: number;
  matched: boolean;
  dropped: boolean;
  records: unknown[];
  error: string | null;
  event?: unknown;
}

export interface TryAnswer {
  stream: string;
  transform: string | null;
  results: TryResult[];
  skipped: string[];
}

/** A refused try: the server's reason, and where in the transform it does not load when it says. */
export class TryRefused extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(status, message);
  }
}

export interface StreamConfig {
  name: string;
  transform?: string;
  transform_file?: string;
  [key: string]: unknown;
}

export interface ConfigFile {
  file: string;
  exists: boolean;
  version: string;
  yaml: string | null;
  valid: boolean;
  error: string | null;
  streams: StreamConfig[];
  pipeline_runs: boolean;
}

export interface ConfigSaved {
  version: string;
  reload: { outcome: string; message: string; error: string | null };
}

async function reason(res: Response): Promise<{ error: string; line?: number; column?: number }> {
  try {
    const body = (await res.json()) as { error?: string; line?: number; column?: number };
    if (body.error) return { error: body.error, line: body.line, column: body.column };
  } catch {
    // not JSON: keep the status line
  }
  return { error: `${res.status} ${res.statusText}` };
}

export function fetchConfig(): Promise<ConfigFile> {
  return getJson<ConfigFile>('/api/config');
}

/** Runs {@code source} over the last {@code limit} stored events the stream's rule takes, each with its event. */
export async function tryTransform(stream: string, source: string | null, limit: number): Promise<TryAnswer> {
  const request: Record<string, unknown> = { limit, matching: true, include_events: true };
  if (source !== null) request.transform = source;
  const res = await fetch(`/api/streams/${encodeURIComponent(stream)}/try`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(request),
  });
  if (!res.ok) {
    const r = await reason(res);
    throw new TryRefused(res.status, r.error, r.line ?? null, r.column ?? null);
  }
  return (await res.json()) as TryAnswer;
}

/** Replaces the config file with {@code yaml}, made from version {@code version}; the running pipeline reloads it. */
export async function saveConfig(yaml: string, version: string): Promise<ConfigSaved> {
  const res = await fetch('/api/config', {
    method: 'PUT',
    headers: { Accept: 'application/json', 'Content-Type': 'text/yaml', 'If-Match': `"${version}"` },
    credentials: 'same-origin',
    body: yaml,
  });
  if (!res.ok) throw new ApiError(res.status, (await reason(res)).error);
  return (await res.json()) as ConfigSaved;
}
