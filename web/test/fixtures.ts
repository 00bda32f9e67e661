import type { HttpEvent, WsFrameEvent } from '../src/api';

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
