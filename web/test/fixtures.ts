import type { EventSummary, HttpEvent, WsFrameEvent } from '../src/api';

/** An http event shaped as the store writes it (docs/events.md). */
export function httpEvent(seq: number, overrides: Partial<HttpEvent> = {}): HttpEvent {
  return {
    type: 'http',
    id: `0190-${seq}`,
    seq,
    started_at: '2026-12-02T09:00:00.000Z',
    ended_at: '2026-12-02T09:00:00.042Z',
    url: 'https://api.example.com/v1/items?page=2',
    method: 'GET',
    request: { headers: [{ name: 'Accept', value: 'application/json' }] },
    response: {
      status: 200,
      status_text: 'OK',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      mime_type: 'application/json',
      body: { encoding: 'text', data: '{"items":[1,2]}', size: 15, truncated: false },
      from_cache: false,
    },
    ...overrides,
  };
}

export function frameEvent(seq: number, direction: 'sent' | 'received' = 'received'): WsFrameEvent {
  return {
    type: 'ws_frame',
    id: `0190-${seq}`,
    seq,
    timestamp: '2026-12-02T09:00:01.000Z',
    connection_id: 'c1',
    url: 'wss://live.example.com/socket',
    direction,
    opcode: 'text',
    payload: { encoding: 'text', data: '{"tick":1}', size: 10, truncated: false },
    length: 10,
  };
}

/** The summary the server sends a list of httpEvent(seq) (EventSummary in the OpenAPI document). */
export function httpSummary(seq: number, overrides: Partial<EventSummary> = {}): EventSummary {
  return {
    seq,
    type: 'http',
    time: '2026-12-02T09:00:00.042Z',
    url: 'https://api.example.com/v1/items?page=2',
    method: 'GET',
    status: 200,
    size: 15,
    duration_ms: 42,
    ...overrides,
  };
}

/** The summary of frameEvent(seq, direction). */
export function frameSummary(seq: number, direction: 'sent' | 'received' = 'received'): EventSummary {
  return { seq, type: 'ws_frame', time: '2026-12-02T09:00:01.000Z', url: 'wss://live.example.com/socket', direction, size: 10 };
}
