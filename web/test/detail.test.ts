import { describe, expect, it } from 'vitest';
import { childPath, childrenOf, initiallyOpen, summary, type Json } from '../src/logic/jsonTree';
import { timingBars } from '../src/logic/timing';
import { bodyBytes, downloadName, isImage } from '../src/logic/download';
import { connectionHostQuery, connectionOf, connectionQuery, eventsOf } from '../src/logic/connection';
import { eventsQueryString, type SseEvent } from '../src/api';
import { frameEvent, httpEvent } from './fixtures';

describe('JSON tree', () => {
  it('opens a small document whole', () => {
    const doc: Json = { user: { name: 'ada', roles: ['admin', 'dev'] }, ok: true };
    expect([...initiallyOpen(doc)].sort()).toEqual(['', '/user', '/user/roles']);
  });

  it('opens only as many rows as the cap allows, breadth-first, the root always', () => {
    const doc: Json = { a: [1, 2, 3], b: [4, 5, 6], c: { d: [7, 8, 9] } };
    // root row + 3 children = 4 rows; a adds 3 (7), b adds 3 (10), c adds 1 (11), c.d adds 3 (14)
    expect([...initiallyOpen(doc, { rows: 10, children: 100 })].sort()).toEqual(['', '/a', '/b']);
    expect([...initiallyOpen(doc, { rows: 4, children: 100 })]).toEqual(['']);
  });

  it('keeps a huge array to a slice and a "more" row, so the first render stays small', () => {
    const big: Json = Array.from({ length: 100_000 }, (_, i) => ({ i, name: `n${i}` }));
    const started = performance.now();
    const open = initiallyOpen(big, { rows: 200, children: 100 });
    expect(performance.now() - started).toBeLessThan(200);
    // root (1) + 100 listed + 1 "more" = 102; each item adds 2 rows: 49 of them fit in 200
    expect(open.size).toBe(1 + 49);
    expect(open.has('/48')).toBe(true);
    expect(open.has('/49')).toBe(false);
    const { entries, more } = childrenOf(big, 100);
    expect(entries).toHaveLength(100);
    expect(more).toBe(99_900);
  });

  it('escapes keys in paths and summarises containers and leaves', () => {
    expect(childPath('', 'a/b~c')).toBe('/a~1b~0c');
    expect(summary([1])).toBe('[1 item]');
    expect(summary({ a: 1, b: 2 })).toBe('{2 keys}');
    expect(summary('x"y')).toBe('"x\\"y"');
    expect(summary(null)).toBe('null');
  });
});

describe('timing bars', () => {
  const timing = { blocked_ms: 10, dns_ms: -1, connect_ms: 40, ssl_ms: 20, send_ms: 0, wait_ms: 30, receive_ms: 20, total_ms: 100 };

  it('lays the phases end to end as fractions of the whole, a missing phase as zero', () => {
    const bars = Object.fromEntries(timingBars(timing).map((b) => [b.phase, b]));
    expect(bars.blocked).toMatchObject({ start: 0, width: 0.1 });
    expect(bars.dns).toMatchObject({ ms: 0, width: 0 });
    expect(bars.connect).toMatchObject({ start: 0.1, width: 0.4 });
    expect(bars.wait).toMatchObject({ start: 0.5, width: 0.3 });
    expect(bars.receive.start + bars.receive.width).toBeCloseTo(1);
  });

  it('draws SSL inside the end of connect, as HAR counts it', () => {
    const ssl = timingBars(timing).find((b) => b.phase === 'ssl')!;
    expect(ssl.start).toBeCloseTo(0.3);
    expect(ssl.width).toBeCloseTo(0.2);
  });

  it('draws nothing wide for an exchange that took no time', () => {
    const zero = { blocked_ms: 0, dns_ms: 0, connect_ms: 0, ssl_ms: 0, send_ms: 0, wait_ms: 0, receive_ms: 0, total_ms: 0 };
    expect(timingBars(zero).every((b) => b.width === 0 && b.start === 0)).toBe(true);
  });
});

describe('download names', () => {
  it('takes the last path segment and keeps its extension', () => {
    expect(downloadName('https://cdn.example.com/img/logo.png?v=3', 'image/png')).toBe('logo.png');
  });

  it('adds an extension from the MIME type when the segment has none', () => {
    expect(downloadName('https://api.example.com/users/42', 'application/json; charset=utf-8')).toBe('42.json');
    expect(downloadName('https://api.example.com/feed', 'application/ld+json')).toBe('feed.json');
    expect(downloadName('https://example.com/page', 'text/x-unknown')).toBe('page.txt');
    expect(downloadName('https://example.com/blob', undefined)).toBe('blob.bin');
  });

  it('falls back to "body" when the URL names no file, and makes names safe', () => {
    expect(downloadName('https://example.com/', 'text/html')).toBe('body.html');
    expect(downloadName('not a url', 'image/jpeg')).toBe('body.jpg');
    expect(downloadName('https://example.com/a%3Ab%2F..%2Fc', 'text/plain')).toBe('a_b_.._c.txt');
    expect(downloadName('https://example.com/.hidden', 'text/plain')).toBe('hidden.txt');
  });

  it('decodes stored bytes and knows an image', () => {
    expect(Array.from(bodyBytes({ encoding: 'base64', data: 'AAH/', size: 3, truncated: false })!)).toEqual([0, 1, 255]);
    expect(Array.from(bodyBytes({ encoding: 'text', data: 'é', size: 2, truncated: false })!)).toEqual([0xc3, 0xa9]);
    expect(bodyBytes({ size: 9, truncated: false, omitted: 'too_large' })).toBeNull();
    expect(isImage('image/PNG; q=1')).toBe(true);
    expect(isImage('application/json')).toBe(false);
  });
});

describe('connection timeline', () => {
  it('reads the frames of the connection by its URL and keeps its own, oldest first', () => {
    const frame = frameEvent(5);
    const c = connectionOf(frame)!;
    expect(c).toEqual({ kind: 'ws', id: 'c1', url: 'wss://live.example.com/socket' });
    expect(eventsQueryString(connectionQuery(c))).toBe(
      '?type=ws_frame&url_glob=wss%3A%2F%2Flive.example.com%2Fsocket&order=oldest&limit=1000',
    );
    expect(eventsQueryString(connectionHostQuery(c))).toBe('?type=ws_frame&host=live.example.com&order=oldest&limit=1000');
    const other = { ...frameEvent(4), connection_id: 'c2' };
    expect(eventsOf(c, [frameEvent(9), other, frame, httpEvent(6)]).map((e) => e.seq)).toEqual([5, 9]);
  });

  it('reads an SSE stream by its request', () => {
    const message: SseEvent = {
      type: 'sse', id: '0190-7', seq: 7, timestamp: '2026-12-02T09:00:01.000Z', request_id: 'r1',
      url: 'https://example.com/events', event: 'message', data: '{"a":1}', via: 'event_source',
    };
    const c = connectionOf(message)!;
    expect(c).toEqual({ kind: 'sse', id: 'r1', url: 'https://example.com/events' });
    expect(eventsOf(c, [{ ...message, seq: 8, request_id: 'r2' }, message]).map((e) => e.seq)).toEqual([7]);
    expect(connectionOf(httpEvent(1))).toBeNull();
  });

  it("leads from an event stream's own request to its messages, by its request id", () => {
    const response = { status: 200, mime_type: 'text/event-stream', from_cache: false };
    const stream = httpEvent(3, { url: 'https://example.com/events', request_id: 'r1', response });
    const c = connectionOf(stream)!;
    expect(c).toEqual({ kind: 'sse', id: 'r1', url: 'https://example.com/events' });
    expect(eventsQueryString(connectionQuery(c))).toBe(
      '?type=sse&url_glob=https%3A%2F%2Fexample.com%2Fevents&order=oldest&limit=1000',
    );
    const message: SseEvent = {
      type: 'sse', id: '0190-7', seq: 7, timestamp: '2026-12-02T09:00:01.000Z', request_id: 'r1',
      url: 'https://example.com/events', event: 'message', data: '{"a":1}', via: 'event_source',
    };
    expect(eventsOf(c, [{ ...message, seq: 8, request_id: 'r2' }, message, stream]).map((e) => e.seq)).toEqual([7]);
    expect(connectionOf({ ...stream, response: { ...response, mime_type: 'Text/Event-Stream' } })).toEqual(c);
  });

  it('leads nowhere from a request that is no event stream, or has no request id', () => {
    const response = { status: 200, mime_type: 'text/event-stream', from_cache: false };
    expect(connectionOf(httpEvent(1, { request_id: 'r1' })), 'a JSON response').toBeNull();
    expect(connectionOf(httpEvent(2, { response })), 'imported without an id').toBeNull();
    expect(connectionOf(httpEvent(3, { request_id: 'r1', response: undefined, error: { kind: 'net_error' } })))
      .toBeNull();
  });
});
