import type { EventSummary, EventType } from '../api';

/** What the live table shows of an event: small, so that 10,000 of them cost little memory. */
export interface Row {
  seq: number;
  /** Epoch milliseconds of the event (an exchange's end), or NaN when it has no valid time. */
  time: number;
  type: EventType;
  method: string;
  /** The HTTP or handshake status; 0 when there is none (a failed request, a frame). */
  status: number;
  host: string;
  path: string;
  /** The event's URL; '' when it has none. */
  url: string;
  /** Bytes of the body or payload; -1 when the event carries none. */
  size: number;
  /** Milliseconds from start to end (http only); -1 otherwise. */
  durationMs: number;
  /** The configured streams that take the event, as the server routed it; empty when none does. */
  streams: readonly string[];
  /** The capture's id of the event's tab (its `source.tab_id`); '' when it has none. */
  tab: string;
  /** Lower-cased text the free-text filter searches, made once per row. */
  haystack: string;
}

interface UrlParts {
  host: string;
  path: string;
}

/** URLs split lately, the newest last: at most SPLIT_URLS_KEPT. */
const splitUrls = new Map<string, UrlParts>();
const SPLIT_URLS_KEPT = 256;

/**
 * The host and path of a URL. A WebSocket's frames all carry its URL, and a page asks its API's few
 * URLs again and again: parsing each event's URL anew was the live table's costliest step per event
 * at 1,000 events/s, so the latest URLs' parts are kept.
 */
function splitUrl(url: string): UrlParts {
  const known = splitUrls.get(url);
  if (known) return known;
  let parts: UrlParts;
  try {
    const u = new URL(url);
    parts = { host: u.host, path: u.pathname + u.search };
  } catch {
    parts = { host: '', path: url };
  }
  if (splitUrls.size >= SPLIT_URLS_KEPT) {
    const oldest = splitUrls.keys().next();
    if (!oldest.done) splitUrls.delete(oldest.value);
  }
  splitUrls.set(url, parts);
  return parts;
}

const NO_STREAMS: readonly string[] = [];

/** The table's row for an event's summary, with the streams that take it. */
export function toRow(event: EventSummary, streams: readonly string[] = NO_STREAMS): Row {
  const url = event.url ?? '';
  const method = event.type === 'ws_frame' ? (event.direction === 'sent' ? '→' : '←') : (event.method ?? '');
  const status = event.status ?? 0;
  const extra = event.text ?? '';
  const { host, path } = splitUrl(url);
  return {
    seq: event.seq,
    time: event.time === undefined ? NaN : Date.parse(event.time),
    type: event.type,
    method,
    status,
    host,
    path: path || extra,
    url,
    size: event.size ?? -1,
    durationMs: event.duration_ms ?? -1,
    streams,
    tab: event.tab_id ?? '',
    haystack: `${event.type} ${method} ${status || ''} ${url} ${extra}`.toLowerCase(),
  };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Local wall-clock time with milliseconds, as people read a log: 14:03:07.042. */
export function formatTime(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '';
  const d = new Date(epochMs);
  return `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}.${pad(d.getMilliseconds(), 3)}`;
}

/** Bytes in the units a network panel uses: 512 B, 1.5 kB, 2.0 MB (powers of 1000). */
export function formatSize(bytes: number): string {
  if (bytes < 0) return '';
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(1)} GB`;
}

/** Milliseconds below 10 s with one decimal under 100 ms, seconds above: 4.2 ms, 320 ms, 12.3 s. */
export function formatDuration(ms: number): string {
  if (ms < 0) return '';
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatStatus(status: number): string {
  return status > 0 ? String(status) : '';
}
