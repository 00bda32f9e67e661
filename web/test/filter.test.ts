import { describe, expect, it } from 'vitest';
import { filterRows, NO_FILTER } from '../src/logic/filter';
import { toRow } from '../src/logic/rows';
import { visibleWindow } from '../src/logic/window';
import { frameEvent, httpEvent } from './fixtures';

const rows = [
  toRow(httpEvent(1)),
  toRow(httpEvent(2, { method: 'POST', url: 'https://shop.example.com/cart', response: { status: 500, from_cache: false } })),
  toRow(frameEvent(3)),
];

describe('filterRows', () => {
  it('returns every row when nothing filters', () => {
    expect(filterRows(rows, NO_FILTER)).toBe(rows);
  });

  it('keeps the chosen type', () => {
    expect(filterRows(rows, { types: new Set(['ws_frame']), text: '' }).map((r) => r.seq)).toEqual([3]);
  });

  it('needs every word of the text, in any case, anywhere in method, status and URL', () => {
    expect(filterRows(rows, { types: new Set(), text: 'post 500' }).map((r) => r.seq)).toEqual([2]);
    expect(filterRows(rows, { types: new Set(), text: 'EXAMPLE.com' }).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(filterRows(rows, { types: new Set(), text: 'items  page=2 ' }).map((r) => r.seq)).toEqual([1]);
    expect(filterRows(rows, { types: new Set(), text: 'nowhere' })).toEqual([]);
  });

  it('combines type and text', () => {
    expect(filterRows(rows, { types: new Set(['http']), text: 'example' }).map((r) => r.seq)).toEqual([1, 2]);
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
