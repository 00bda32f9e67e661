import { describe, expect, it } from 'vitest';
import { nameFromEvent, ruleFromEvent } from '../src/logic/prefill';
import { streamNameProblem, toConditions } from '../src/logic/rules';
import { eventOfNewStream, NEW_STREAM, newStreamFromEventHref, streamHref } from '../src/logic/streamLinks';
import { frameEvent, httpEvent } from './fixtures';

describe('a new stream from an event', () => {
  it('takes calls of the same method, host and path', () => {
    expect(toConditions(ruleFromEvent(httpEvent(7, { method: 'POST', url: 'https://Shop.Example.test:8443/api/checkout?cart=7' })))).toEqual({
      conditions: [
        { field: 'type', operator: 'equals', value: 'http' },
        { field: 'host', operator: 'equals', value: 'shop.example.test' },
        { field: 'path', operator: 'equals', value: '/api/checkout' },
        { field: 'method', operator: 'equals', value: 'POST' },
      ],
    });
  });

  it('puts any id where the path has one', () => {
    const rule = toConditions(ruleFromEvent(httpEvent(8, { url: 'http://127.0.0.1/api/orders/45/items.json' })));
    expect(rule.conditions[2]).toEqual({ field: 'path', operator: 'regex', value: '^/api/orders/[^/]+/items\\.json$' });
    expect(new RegExp(String((rule.conditions[2] as { value: string }).value)).test('/api/orders/46/items.json')).toBe(true);
  });

  it('takes frames of the same direction on the same socket address', () => {
    expect(toConditions(ruleFromEvent(frameEvent(3, 'sent'))).conditions).toEqual([
      { field: 'type', operator: 'equals', value: 'ws_frame' },
      { field: 'host', operator: 'equals', value: 'live.example.com' },
      { field: 'path', operator: 'equals', value: '/socket' },
      { field: 'direction', operator: 'equals', value: 'sent' },
    ]);
  });

  it('is named after the traffic, unlike the streams there are', () => {
    const call = httpEvent(9, { url: 'https://shop.example.test/api/orders/45' });
    expect(nameFromEvent(call, [])).toBe('get_api_orders');
    expect(nameFromEvent(call, ['get_api_orders', 'get_api_orders_2'])).toBe('get_api_orders_3');
    expect(nameFromEvent(frameEvent(1), [])).toBe('ws_frame_socket');
  });
});

describe('the address of a new stream from an event', () => {
  it('names the event, and no stream name can be taken for it', () => {
    expect(newStreamFromEventHref(42)).toBe('#/streams/+new/42');
    expect(eventOfNewStream('+new/42')).toBe(42);
    expect(eventOfNewStream('+new')).toBeNull();
    expect(streamNameProblem(NEW_STREAM)).not.toBeNull();
    expect(streamHref('api.calls')).toBe('#/streams/api.calls');
  });
});
