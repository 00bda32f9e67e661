import { describe, expect, it } from 'vitest';
import { filterRows, NO_FILTER, NO_STREAM } from '../src/logic/filter';
import { LiveEvents } from '../src/logic/live';
import { toRow } from '../src/logic/rows';
import { tabLabels } from '../src/logic/tabLabels';
import { rowSlots, visibleWindow } from '../src/logic/window';
import { frameSummary, httpSummary } from './fixtures';

const rows = [
  toRow(httpSummary(1)),
  toRow(httpSummary(2, { method: 'POST', url: 'https://shop.example.com/cart', status: 500 })),
  toRow(frameSummary(3)),
];

describe('filterRows', () => {
  it('returns every row when nothing filters', () => {
    expect(filterRows(rows, NO_FILTER)).toBe(rows);
  });

  it('keeps the chosen type', () => {
    expect(filterRows(rows, { ...NO_FILTER, types: new Set(['ws_frame']) }).map((r) => r.seq)).toEqual([3]);
  });

  it('needs every word of the text, in any case, anywhere in method, status and URL', () => {
    expect(filterRows(rows, { ...NO_FILTER, text: 'post 500' }).map((r) => r.seq)).toEqual([2]);
    expect(filterRows(rows, { ...NO_FILTER, text: 'EXAMPLE.com' }).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(filterRows(rows, { ...NO_FILTER, text: 'items  page=2 ' }).map((r) => r.seq)).toEqual([1]);
    expect(filterRows(rows, { ...NO_FILTER, text: 'nowhere' })).toEqual([]);
  });

  it('combines type and text', () => {
    expect(filterRows(rows, { ...NO_FILTER, types: new Set(['http']), text: 'example' }).map((r) => r.seq)).toEqual([1, 2]);
  });
});

describe('the stream and tab filters', () => {
  const tabA = { tab_id: 'A1B2C3D4E5F60718293A4B5C6D7E8F90' };
  const tabB = { tab_id: 'A1B2C3FFFFFF0718293A4B5C6D7E8F90' };
  const routed = [
    toRow(httpSummary(1, { url: 'https://shop.example.com/api/orders/1', ...tabA }), ['orders', 'shop']),
    toRow(httpSummary(2, { url: 'https://shop.example.com/cart', ...tabB }), ['shop']),
    toRow(httpSummary(3, tabA)),
    toRow(frameSummary(4), ['frames']),
  ];

  it('keeps the rows the chosen stream takes, whichever others take them too', () => {
    expect(filterRows(routed, { ...NO_FILTER, stream: 'shop' }).map((r) => r.seq)).toEqual([1, 2]);
    expect(filterRows(routed, { ...NO_FILTER, stream: 'orders' }).map((r) => r.seq)).toEqual([1]);
    expect(filterRows(routed, { ...NO_FILTER, stream: 'gone' })).toEqual([]);
  });

  it('keeps, for "no stream", the rows that no stream takes', () => {
    expect(filterRows(routed, { ...NO_FILTER, stream: NO_STREAM }).map((r) => r.seq)).toEqual([3]);
    expect(filterRows(routed, { ...NO_FILTER, stream: NO_STREAM, types: new Set(['http']) }).map((r) => r.seq)).toEqual([3]);
  });

  it('keeps the rows of the chosen tab; an event of no tab is in none', () => {
    expect(filterRows(routed, { ...NO_FILTER, tab: tabA.tab_id }).map((r) => r.seq)).toEqual([1, 3]);
  });

  it('combines stream, tab, type and text', () => {
    expect(filterRows(routed, { ...NO_FILTER, stream: 'shop', tab: tabB.tab_id }).map((r) => r.seq)).toEqual([2]);
    expect(filterRows(routed, { ...NO_FILTER, stream: 'shop', text: 'orders' }).map((r) => r.seq)).toEqual([1]);
    expect(filterRows(routed, { ...NO_FILTER, stream: 'frames', types: new Set(['http']) })).toEqual([]);
  });

  it('offers the streams and tabs seen since the last clear', () => {
    const live = new LiveEvents(2);
    live.add(httpSummary(1, tabB), ['shop']);
    live.add(httpSummary(2, tabA), ['orders', 'shop']);
    live.add(frameSummary(3));
    expect(live.snapshot().rows.map((r) => r.streams)).toEqual([['orders', 'shop'], []]);
    expect(live.snapshot().streams).toEqual(['orders', 'shop']);
    expect(live.snapshot().tabs).toEqual([tabB.tab_id, tabA.tab_id]);
    live.clear();
    expect(live.snapshot().streams).toEqual([]);
    expect(live.snapshot().tabs).toEqual([]);
  });

  it('labels tabs by the shortest prefix that tells them apart', () => {
    const labels = tabLabels([tabA.tab_id, tabB.tab_id, 'F00D1234ABCD', 'tab-1']);
    expect([...labels.values()]).toEqual(['A1B2C3D…', 'A1B2C3F…', 'F00D12…', 'tab-1']);
  });
});

describe('visibleWindow', () => {
  it('draws the rows in view and ten more each side', () => {
    expect(visibleWindow(10_000, 24, 24 * 500, 240)).toEqual({ first: 490, end: 520 });
  });

  it('stays inside the rows there are', () => {
    expect(visibleWindow(5, 24, 0, 600)).toEqual({ first: 0, end: 5 });
    expect(visibleWindow(0, 24, 100, 600)).toEqual({ first: 0, end: 0 });
    expect(visibleWindow(100, 24, 24 * 200, 240)).toEqual({ first: 100, end: 100 });
  });
});

describe('rowSlots', () => {
  it('keeps as many row elements as a table at the bottom draws', () => {
    for (const viewHeight of [240, 250, 600, 601]) {
      const count = 10_000;
      const bottom = count * 24 - viewHeight;
      const { first, end } = visibleWindow(count, 24, bottom, viewHeight, 2);
      expect(rowSlots(24, viewHeight, 2)).toBeGreaterThanOrEqual(end - first);
    }
    expect(rowSlots(24, 600, 2)).toBe(28);
  });

  it('keeps only the overscan for a view not measured yet', () => {
    expect(rowSlots(24, 0, 2)).toBe(3);
    expect(rowSlots(0, 600, 2)).toBe(0);
  });
});
