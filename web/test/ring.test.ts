import { describe, expect, it } from 'vitest';
import { Ring } from '../src/logic/ring';
import { KEPT_ROWS, LiveEvents } from '../src/logic/live';
import { httpSummary } from './fixtures';

describe('Ring', () => {
  it('keeps the newest items, oldest first, once full', () => {
    const ring = new Ring<number>(3);
    for (let i = 1; i <= 5; i++) ring.push(i);
    expect(ring.size).toBe(3);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.at(0)).toBe(3);
  });

  it('refuses a capacity that is not a whole number from 1', () => {
    expect(() => new Ring(0)).toThrow('capacity: 0 is not a whole number from 1');
  });

  it('refuses an index outside what it holds', () => {
    const ring = new Ring<number>(2);
    ring.push(1);
    expect(() => ring.at(1)).toThrow('index: 1 is outside 0..0');
  });
});

describe('LiveEvents', () => {
  it('keeps the newest 10,000 of 25,000 events', () => {
    const live = new LiveEvents();
    for (let seq = 1; seq <= 25_000; seq++) live.add(httpSummary(seq));
    const rows = live.snapshot().rows;
    expect(KEPT_ROWS).toBe(10_000);
    expect(rows.length).toBe(10_000);
    expect(rows[0].seq).toBe(15_001);
    expect(rows[rows.length - 1].seq).toBe(25_000);
  });

  it('ignores an event it already has, where catch-up and feed overlap', () => {
    const live = new LiveEvents(10);
    [1, 2, 3, 2, 3, 4].forEach((seq) => live.add(httpSummary(seq)));
    expect(live.snapshot().rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
  });

  it('holds the view while paused, counts what arrives, and shows it on resume', () => {
    const live = new LiveEvents(10);
    live.add(httpSummary(1));
    live.setPaused(true);
    live.add(httpSummary(2));
    live.add(httpSummary(3));
    expect(live.snapshot().rows.map((r) => r.seq)).toEqual([1]);
    expect(live.snapshot().arrivedWhilePaused).toBe(2);
    live.setPaused(false);
    expect(live.snapshot().rows.map((r) => r.seq)).toEqual([1, 2, 3]);
  });

  it('adds up what the feed missed, until cleared', () => {
    const live = new LiveEvents(10);
    live.notice({ kind: 'missed', missed: 40, fromSeq: 11, toSeq: 50 });
    live.notice({ kind: 'missed', missed: 5, fromSeq: 61, toSeq: 65 });
    expect(live.snapshot()).toMatchObject({ missed: 45, missedRange: { fromSeq: 11, toSeq: 65 }, lastSeq: 65 });
    live.clear();
    expect(live.snapshot()).toMatchObject({ missed: 0, missedRange: null, rows: [] });
  });
});
