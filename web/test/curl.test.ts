import { describe, expect, it } from 'vitest';
import { shellQuote, toCurl, toJsonText } from '../src/logic/curl';
import { hexDump, viewBody } from '../src/logic/body';
import { eventsQueryString, parseFeedMessage } from '../src/api';
import { httpEvent } from './fixtures';

describe('toCurl', () => {
  it('writes a GET with its URL and headers, leaving out what curl sets itself', () => {
    const event = httpEvent(1, {
      request: {
        headers: [
          { name: 'Accept', value: 'application/json' },
          { name: 'Host', value: 'api.example.com' },
          { name: ':authority', value: 'api.example.com' },
          { name: 'Content-Length', value: '0' },
        ],
      },
    });
    expect(toCurl(event)).toBe(`curl 'https://api.example.com/v1/items?page=2' -H 'Accept: application/json'`);
  });

  it('writes a POST with its text body, quoting single quotes for the shell', () => {
    const event = httpEvent(1, {
      method: 'POST',
      url: 'https://api.example.com/say',
      request: {
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        body: { encoding: 'text', data: `{"text":"it's"}`, size: 15, truncated: false },
      },
    });
    expect(toCurl(event)).toBe(
      `curl -X 'POST' 'https://api.example.com/say' -H 'Content-Type: application/json' --data-raw '{"text":"it'\\''s"}'`,
    );
  });

  it('writes a binary body as printf escapes of its bytes', () => {
    const event = httpEvent(1, {
      method: 'PUT',
      request: { body: { encoding: 'base64', data: btoa('\x00\xff'), size: 2, truncated: false } },
    });
    expect(toCurl(event)).toContain(`--data-binary "$(printf '\\x00\\xff')"`);
  });

  it('leaves out a body that was cut, and says so', () => {
    const event = httpEvent(1, {
      method: 'POST',
      request: { body: { encoding: 'text', data: 'abc', size: 9000000, truncated: true } },
    });
    const text = toCurl(event);
    expect(text).not.toContain('--data');
    expect(text).toContain('# the request body (9000000 bytes) is left out');
  });

  it('quotes for a POSIX shell', () => {
    expect(shellQuote(`a'b`)).toBe(`'a'\\''b'`);
  });
});

describe('bodies', () => {
  it('indents JSON', () => {
    expect(viewBody({ encoding: 'text', data: '{"a":[1]}', size: 9, truncated: false })).toEqual({
      kind: 'json',
      text: '{\n  "a": [\n    1\n  ]\n}',
    });
  });

  it('shows JSON cut when stored as the text it is', () => {
    expect(viewBody({ encoding: 'text', data: '{"a":[1', size: 90, truncated: true }, 'application/json').kind).toBe('text');
  });

  it('shows binary as a hex dump', () => {
    const view = viewBody({ encoding: 'base64', data: btoa('GIF89a\x01\x00'), size: 8, truncated: false });
    // 8 bytes: the ASCII column still starts where a full line of 16 puts it
    expect(view).toEqual({ kind: 'hex', text: `00000000  ${'47 49 46 38 39 61 01 00'.padEnd(47)}  GIF89a..` });
  });

  it('says why a body is missing', () => {
    expect(viewBody({ size: 10, truncated: false, omitted: 'evicted' }).text).toBe('not stored: evicted (10 bytes)');
  });

  it('stops a hex dump at its limit and says how much is left', () => {
    expect(hexDump(new Uint8Array(40), 16).split('\n')).toHaveLength(2);
    expect(hexDump(new Uint8Array(40), 16)).toContain('… 24 more bytes');
  });
});

describe('api helpers', () => {
  it('copies an event as the JSON it is', () => {
    const event = httpEvent(5);
    expect(JSON.parse(toJsonText(event))).toEqual(event);
  });

  it('writes an events query', () => {
    expect(eventsQueryString({ type: ['http', 'sse'], order: 'newest', limit: 1000 })).toBe(
      '?type=http%2Csse&order=newest&limit=1000',
    );
    expect(eventsQueryString({})).toBe('');
  });

  it('sorts feed messages into events and notices', () => {
    expect(parseFeedMessage('{"type":"http","id":"a","seq":3}')).toMatchObject([{ event: { seq: 3 } }]);
    expect(parseFeedMessage('{"event":{"type":"http","id":"a","seq":4},"streams":["orders","shop"]}')).toMatchObject([
      { event: { seq: 4 }, streams: ['orders', 'shop'] },
    ]);
    expect(parseFeedMessage('{"live":true,"since":0,"caught_up":12}')).toEqual([{ notice: { kind: 'live', caughtUp: 12 } }]);
    expect(parseFeedMessage('{"missed":7,"from_seq":10,"to_seq":16}')).toEqual([
      { notice: { kind: 'missed', missed: 7, fromSeq: 10, toSeq: 16 } },
    ]);
    expect(parseFeedMessage('{"error":"since: -1 is below 0"}')).toEqual([{ notice: { kind: 'error', error: 'since: -1 is below 0' } }]);
    expect(parseFeedMessage('not json')).toEqual([]);
    expect(parseFeedMessage('{"something":"else"}')).toEqual([]);
  });

  it('reads a batch as its events, in order', () => {
    expect(parseFeedMessage('{"events":[{"type":"http","id":"a","seq":5},{"type":"sse","id":"b","seq":6}]}')).toMatchObject([
      { event: { seq: 5, type: 'http' } },
      { event: { seq: 6, type: 'sse' } },
    ]);
    expect(
      parseFeedMessage('{"events":[{"event":{"type":"http","id":"a","seq":7},"streams":["orders"]},{"event":{"type":"http","id":"b","seq":8},"streams":[]}]}'),
    ).toMatchObject([
      { event: { seq: 7 }, streams: ['orders'] },
      { event: { seq: 8 }, streams: [] },
    ]);
  });

  it('makes each event of a compact batch whole from the one before it', () => {
    const batch = {
      compact: [
        { seq: 9, type: 'http', tab_id: 't1', url: 'https://shop.example.com/api', method: 'GET', status: 200, streams: ['orders'] },
        { seq: 10, type: 'ws_frame', url: 'wss://shop.example.com/ws', method: null, status: null, direction: 'received', size: 5, streams: [] },
        { seq: 11, size: 7 },
      ],
    };
    expect(parseFeedMessage(JSON.stringify(batch))).toEqual([
      {
        event: { seq: 9, type: 'http', tab_id: 't1', url: 'https://shop.example.com/api', method: 'GET', status: 200 },
        streams: ['orders'],
      },
      { event: { seq: 10, type: 'ws_frame', tab_id: 't1', url: 'wss://shop.example.com/ws', direction: 'received', size: 5 }, streams: [] },
      { event: { seq: 11, type: 'ws_frame', tab_id: 't1', url: 'wss://shop.example.com/ws', direction: 'received', size: 7 }, streams: [] },
    ]);
    expect(parseFeedMessage('{"compact":[{"seq":1,"type":"sse"},{"seq":2,"text":"price"}]}')).toEqual([
      { event: { seq: 1, type: 'sse' } },
      { event: { seq: 2, type: 'sse', text: 'price' } },
    ]);
  });
});
