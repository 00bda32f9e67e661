// The local server's API, typed, in one place: every screen reads and subscribes through here.
// Shapes follow the OpenAPI fragments (events.json, feed.json) and docs/events.md.

export type EventType =
  | 'http'
  | 'ws_open'
  | 'ws_frame'
  | 'ws_close'
  | 'ws_error'
  | 'sse'
  | 'capture_gap'
  | 'capture_error';

export const EVENT_TYPES: readonly EventType[] = [
  'http',
  'ws_open',
  'ws_frame',
  'ws_close',
  'ws_error',
  'sse',
  'capture_gap',
  'capture_error',
];

/** The name the pipeline counts the events no stream took under, among the streams of /api/stats: a name no stream can take. */
export const UNMATCHED_STREAM = '_unmatched';

export interface Header {
  name: string;
  value?: string;
}

export interface Body {
  encoding?: 'text' | 'base64';
  data?: string;
  size: number;
  truncated: boolean;
  omitted?: string;
}

export interface Timing {
  blocked_ms: number;
  dns_ms: number;
  connect_ms: number;
  ssl_ms: number;
  send_ms: number;
  wait_ms: number;
  receive_ms: number;
  total_ms: number;
}

interface EventBase {
  id: string;
  seq: number;
  source?: {
    tab_id?: string;
    frame_id?: string;
    target_type?: string;
    document_url?: string;
    node?: string;
    imported_from?: string;
  };
}

export interface HttpEvent extends EventBase {
  type: 'http';
  started_at: string;
  ended_at: string;
  /** The browser's id of the request; an event stream's `sse` messages have the same. Missing on some imports. */
  request_id?: string;
  url: string;
  method: string;
  request: { headers?: Header[]; body?: Body };
  response?: {
    status: number;
    status_text?: string;
    headers?: Header[];
    mime_type?: string;
    body?: Body;
    protocol?: string;
    from_cache: boolean;
  };
  error?: unknown;
  timing?: Timing;
}

export interface WsOpenEvent extends EventBase {
  type: 'ws_open';
  timestamp: string;
  connection_id: string;
  url: string;
  request_headers?: Header[];
  status?: number;
  response_headers?: Header[];
}

export interface WsFrameEvent extends EventBase {
  type: 'ws_frame';
  timestamp: string;
  connection_id: string;
  url: string;
  direction: 'sent' | 'received';
  opcode: 'text' | 'binary' | 'control';
  payload?: Body;
  length?: number;
}

export interface WsCloseEvent extends EventBase {
  type: 'ws_close';
  timestamp: string;
  connection_id: string;
  url: string;
}

export interface WsErrorEvent extends EventBase {
  type: 'ws_error';
  timestamp: string;
  connection_id: string;
  url: string;
  message: string;
}

export interface SseEvent extends EventBase {
  type: 'sse';
  timestamp: string;
  request_id: string;
  url: string;
  event: string;
  last_event_id?: string;
  data: string;
  via: 'event_source' | 'fetch';
}

export interface CaptureGapEvent extends EventBase {
  type: 'capture_gap';
  timestamp: string;
  dropped_events: number;
  dropped_bytes: number;
  reason: string;
}

export interface CaptureErrorEvent extends EventBase {
  type: 'capture_error';
  timestamp: string;
  kind: string;
  message: string;
}

export type SipEvent =
  | HttpEvent
  | WsOpenEvent
  | WsFrameEvent
  | WsCloseEvent
  | WsErrorEvent
  | SseEvent
  | CaptureGapEvent
  | CaptureErrorEvent;

export interface EventsPage<E = SipEvent> {
  events: E[];
  next: number | null;
  /** Asked for with `with_streams`: by seq, the configured streams that take each event (empty: none). */
  streams?: Record<string, string[]>;
}

/**
 * An event as a list shows it (the server's EventSummary): no headers, bodies or payloads, which
 * `fetchEvent` has. Each field but seq and type only where the event has it.
 */
export interface EventSummary {
  seq: number;
  type: EventType;
  /** When the event was complete (an exchange's end), ISO-8601 UTC. */
  time?: string;
  tab_id?: string;
  url?: string;
  /** http: the request's method. */
  method?: string;
  /** http: the response's status; ws_open: the handshake's. */
  status?: number;
  /** http: the response body's bytes; ws_frame: the payload's; sse: the data's length. */
  size?: number;
  /** http: from the request's start to the exchange's end. */
  duration_ms?: number;
  /** ws_frame: which way it went. */
  direction?: 'sent' | 'received';
  /** An error's message, a gap's reason, a server-sent event's name. */
  text?: string;
}

export interface EventsQuery {
  type?: EventType[];
  q?: string;
  /** Only events whose whole URL matches this pattern (`*` any run, `?` any one character). */
  url_glob?: string;
  /** Only events whose URL has this host (case-insensitive, without port). */
  host?: string;
  after?: number;
  before?: number;
  order?: 'newest' | 'oldest';
  limit?: number;
  /** Ask which configured streams take each event (the page's `streams`). */
  with_streams?: boolean;
  /** Ask for the events' summaries instead of the events (see fetchSummaries). */
  summary?: boolean;
}

/** A feed condition in the stream-rule language (route/README.md). */
export type FeedCondition =
  | { field: string; operator: string; value?: string | number | boolean | Array<string | number | boolean> }
  | { logic?: 'AND' | 'OR'; conditions: FeedCondition[] }
  | { not: FeedCondition };

export interface FeedSubscribe {
  filter?: FeedCondition | FeedCondition[];
  since?: number;
  /** Send each event with the configured streams that take it. */
  streams?: boolean;
  /**
   * Gather the events of this many milliseconds into one message: a page that redraws a few times
   * a second loses nothing by it, and the server and the page save a message's work per event.
   */
  batch_ms?: number;
}

/** What the feed sends besides events. */
export type FeedNotice =
  | { kind: 'live'; caughtUp: number }
  | { kind: 'missed'; missed: number; fromSeq: number; toSeq: number }
  | { kind: 'error'; error: string };

/** An answer that was not 2xx, with the server's one-line reason. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The server's one-line reason for a non-2xx answer: its JSON `error`, else the status line. */
export async function refusalReason(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: string };
    if (body.error) return body.error;
  } catch {
    // not JSON: keep the status line
  }
  return `${res.status} ${res.statusText}`;
}

export async function getJson<T>(path: string): Promise<T> {
  // The page's cookie authenticates it: it was traded for the URL's token on the first load.
  const res = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!res.ok) throw new ApiError(res.status, `${path}: ${await refusalReason(res)}`);
  return (await res.json()) as T;
}

/** A HAR file of stored events, and how many of the events asked for it had to leave out. */
export interface HarDownload {
  blob: Blob;
  /** The name the server suggests: the time of the download. */
  fileName: string;
  /** Events not in the store: not written yet, or removed by retention. */
  missing: number;
  /** Events stored but not readable as events (a damaged row). */
  unreadable: number;
}

/** The stored events of `seqs` as a HAR 1.2 file (`POST /api/har`). */
export async function fetchHar(seqs: readonly number[]): Promise<HarDownload> {
  const res = await fetch('/api/har', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ seqs }),
  });
  return harOf(res);
}

/** Reads `POST /api/har`'s answer: the file, the name the server gave it and what it left out. */
export async function harOf(res: Response): Promise<HarDownload> {
  if (!res.ok) throw new ApiError(res.status, await refusalReason(res));
  const named = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '');
  return {
    blob: await res.blob(),
    fileName: named ? named[1] : 'datasipper.har',
    missing: Number(res.headers.get('DataSipper-Events-Missing') ?? 0),
    unreadable: Number(res.headers.get('DataSipper-Events-Unreadable') ?? 0),
  };
}

/** The query string of an events query, parameters in a stable order. */
export function eventsQueryString(query: EventsQuery): string {
  const params = new URLSearchParams();
  if (query.type && query.type.length > 0) params.set('type', query.type.join(','));
  if (query.q) params.set('q', query.q);
  if (query.url_glob) params.set('url_glob', query.url_glob);
  if (query.host) params.set('host', query.host);
  if (query.after !== undefined) params.set('after', String(query.after));
  if (query.before !== undefined) params.set('before', String(query.before));
  if (query.order) params.set('order', query.order);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.with_streams) params.set('with_streams', 'true');
  if (query.summary) params.set('summary', 'true');
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function fetchEvents(query: EventsQuery = {}): Promise<EventsPage> {
  return getJson<EventsPage>(`/api/events${eventsQueryString(query)}`);
}

/** A page of the events' summaries: what a table of events shows, a fraction of the events' bytes. */
export function fetchSummaries(query: EventsQuery = {}): Promise<EventsPage<EventSummary>> {
  return getJson<EventsPage<EventSummary>>(`/api/events${eventsQueryString({ ...query, summary: true })}`);
}

export function fetchEvent(seq: number): Promise<SipEvent> {
  return getJson<SipEvent>(`/api/events/${seq}`);
}

/**
 * One thing the feed said: an event's summary (with its streams, when the subscription asked for
 * them) or a notice. The pages show lists of events: they subscribe for summaries.
 */
export type FeedItem = { event: EventSummary; streams?: string[] } | { notice: FeedNotice };

/**
 * Sorts one feed message into what it holds: an event (`{"event": ..., "streams": [...]}` when
 * the subscription asked for streams), the events of a batch (`{"events": [...]}`, for a
 * subscription with batch_ms; `{"compact": [...]}` with compact too) or a notice; nothing for a
 * message of no known shape.
 */
export function parseFeedMessage(text: string): FeedItem[] {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof message !== 'object' || message === null) return [];
  const m = message as Record<string, unknown>;
  if (Array.isArray(m.events)) {
    return m.events.map(eventItem).filter((item): item is FeedItem => item !== null);
  }
  if (Array.isArray(m.compact)) return compactItems(m.compact);
  const event = eventItem(message);
  if (event !== null) return [event];
  if (m.live === true) return [{ notice: { kind: 'live', caughtUp: typeof m.caught_up === 'number' ? m.caught_up : 0 } }];
  if (typeof m.missed === 'number') {
    return [{ notice: { kind: 'missed', missed: m.missed, fromSeq: Number(m.from_seq), toSeq: Number(m.to_seq) } }];
  }
  if (typeof m.error === 'string') return [{ notice: { kind: 'error', error: m.error } }];
  return [];
}

/** An event's summary as the feed sends it, bare or with its streams; null if it is neither. */
function eventItem(message: unknown): FeedItem | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (typeof m.type === 'string' && typeof m.seq === 'number') return { event: message as EventSummary };
  if (typeof m.event === 'object' && m.event !== null && Array.isArray(m.streams)) {
    const e = m.event as Record<string, unknown>;
    if (typeof e.type === 'string' && typeof e.seq === 'number') {
      return { event: m.event as EventSummary, streams: m.streams.filter((s): s is string => typeof s === 'string') };
    }
  }
  return null;
}

/**
 * The events of a compact batch, each made whole from the one before it: a field it names
 * replaces the one before's, a null removes it, and the streams come along as a field.
 */
function compactItems(entries: unknown[]): FeedItem[] {
  const items: FeedItem[] = [];
  let before: Record<string, unknown> = {};
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) return items; // what follows is written against it
    const whole = { ...before };
    for (const [key, value] of Object.entries(entry)) {
      if (value === null) delete whole[key];
      else whole[key] = value;
    }
    before = whole;
    const { streams, ...event } = whole;
    const item = eventItem(Array.isArray(streams) ? { event, streams } : event);
    if (item !== null) items.push(item);
  }
  return items;
}

export interface FeedHandlers {
  /** @param streams the streams that take it, when the subscription asked for them */
  onEvent(event: EventSummary, streams?: readonly string[]): void;
  onNotice(notice: FeedNotice): void;
  onClose(reason: string): void;
}

/** An open feed; close() ends it without calling onClose. */
export interface Feed {
  close(): void;
}

/**
 * Opens the live feed and subscribes. The cookie authenticates the upgrade: the page is of the
 * server's own origin, which the guard requires of every WebSocket.
 */
export function openFeed(subscribe: FeedSubscribe, handlers: FeedHandlers): Feed {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return feedOver(new WebSocket(`${scheme}//${location.host}/api/feed`), subscribe, handlers);
}

/**
 * Subscribes on a feed socket, however it was opened, for the events' summaries, and hands each
 * message to the handlers. In batches they come compact (`{"compact": [...]}`, each summary after
 * the first with only the fields that differ from the one before), which parseFeedMessage makes
 * whole again: a page reads a WebSocket at a cost that goes with its bytes.
 */
export function feedOver(socket: WebSocket, subscribe: FeedSubscribe, handlers: FeedHandlers): Feed {
  let closedByUs = false;
  const compact = subscribe.batch_ms !== undefined;
  socket.onopen = () => socket.send(JSON.stringify({ ...subscribe, summary: true, ...(compact ? { compact } : {}) }));
  socket.onmessage = (m: MessageEvent<string>) => {
    for (const item of parseFeedMessage(m.data)) {
      if ('event' in item) handlers.onEvent(item.event, item.streams);
      else handlers.onNotice(item.notice);
    }
  };
  socket.onclose = (e: CloseEvent) => {
    if (!closedByUs) handlers.onClose(e.reason || `the feed closed (code ${e.code})`);
  };
  return {
    close() {
      closedByUs = true;
      socket.close();
    },
  };
}

/**
 * Sends a request and reads its JSON answer; a non-2xx answer throws an ApiError with the server's
 * one-line reason (a rejected config's names the file, the key path and why).
 */
export async function requestJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, {
    ...init,
    headers: { Accept: 'application/json', ...(init.headers ?? {}) },
    credentials: 'same-origin',
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the status line says enough
  }
  if (!res.ok) {
    const reason = (body as { error?: string } | null)?.error ?? `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, reason);
  }
  return body as T;
}
