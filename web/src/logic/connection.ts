import type { EventsQuery, SipEvent, SseEvent, WsFrameEvent } from '../api';

/** The stream an event belongs to: a WebSocket connection or an SSE request, and its URL. */
export type Connection = { kind: 'ws'; id: string; url: string } | { kind: 'sse'; id: string; url: string };

/** The mime type of an SSE response, whose messages are `sse` events of the request's id. */
const EVENT_STREAM = 'text/event-stream';

export function connectionOf(event: SipEvent): Connection | null {
  switch (event.type) {
    case 'http':
      // The EventSource's (or fetch's) own request: its messages are the stream. One without a request id
      // (imported without messages) has none to find.
      return event.request_id && event.response?.mime_type?.toLowerCase() === EVENT_STREAM
        ? { kind: 'sse', id: event.request_id, url: event.url }
        : null;
    case 'ws_open':
    case 'ws_frame':
    case 'ws_close':
    case 'ws_error':
      return { kind: 'ws', id: event.connection_id, url: event.url };
    case 'sse':
      return { kind: 'sse', id: event.request_id, url: event.url };
    default:
      return null;
  }
}

/** Frames or messages read at a time: a long-lived connection has many more than a table should hold at once. */
export const CONNECTION_PAGE = 1000;

/** `*` and `?` in a URL match themselves among others: the glob is exact up to those, and the id sorts out the rest. */
export function connectionQuery(c: Connection): EventsQuery {
  return { type: c.kind === 'ws' ? ['ws_frame'] : ['sse'], url_glob: c.url, order: 'oldest', limit: CONNECTION_PAGE };
}

/**
 * The same by the URL's host, for an encrypted store: it keeps no URL to match, but compares hosts.
 * Less selective, so a busy host may fill the page with other connections' events.
 */
export function connectionHostQuery(c: Connection): EventsQuery {
  let host: string;
  try {
    host = new URL(c.url).hostname;
  } catch {
    host = c.url;
  }
  return { ...connectionQuery(c), url_glob: undefined, host };
}

/** The connection's own frames or messages from a page of events with its URL, oldest first. */
export function eventsOf(c: Connection, events: SipEvent[]): Array<WsFrameEvent | SseEvent> {
  const mine = events.filter((e): e is WsFrameEvent | SseEvent =>
    c.kind === 'ws' ? e.type === 'ws_frame' && e.connection_id === c.id : e.type === 'sse' && e.request_id === c.id,
  );
  return mine.sort((a, b) => a.seq - b.seq);
}

/** A frame's size: its payload's, or the length the capture noted when it kept no payload. */
export function frameSize(frame: WsFrameEvent): number {
  return frame.payload?.size ?? frame.length ?? 0;
}
