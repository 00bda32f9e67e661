import { describe, expect, it } from 'vitest';
import { eventOfFragment, pageArgument, pageOf } from '../src/logic/route';

describe('pageOf', () => {
  const ids = ['live', 'streams', 'outputs'];
  it('reads the page from the fragment', () => {
    expect(pageOf('#/streams', ids)).toBe('streams');
    expect(pageOf('#/outputs/kafka', ids)).toBe('outputs');
    expect(pageOf('#streams?x=1', ids)).toBe('streams');
  });
  it('falls back to the first page for an empty or unknown fragment', () => {
    expect(pageOf('', ids)).toBe('live');
    expect(pageOf('#/nothing', ids)).toBe('live');
  });
});

describe('pageArgument', () => {
  it('is what follows the page', () => {
    expect(pageArgument('#/streams/orders')).toBe('orders');
    expect(pageArgument('#/streams')).toBe('');
  });
});

describe('eventOfFragment', () => {
  it('is the seq a live-page fragment names, as the side panel links', () => {
    expect(eventOfFragment('#/live/42')).toBe(42);
    expect(eventOfFragment('#live/7')).toBe(7);
  });
  it('is null for another page or no seq', () => {
    expect(eventOfFragment('#/live')).toBeNull();
    expect(eventOfFragment('#/live/abc')).toBeNull();
    expect(eventOfFragment('#/streams/42')).toBeNull();
    expect(eventOfFragment('')).toBeNull();
  });
});
