import { describe, expect, it } from 'vitest';
import { filterRows, NO_FILTER } from '../src/logic/filter';
import { parseFilterText } from '../src/logic/filterText';
import { toRow } from '../src/logic/rows';
import { frameSummary, httpSummary } from './fixtures';

const rows = [
  toRow(httpSummary(1)),
  toRow(httpSummary(2, { method: 'POST', url: 'https://shop.example.com/cart?id=7', status: 500, size: 2400, duration_ms: 900 })),
  toRow(httpSummary(3, { url: 'https://api.example.com/v1/items?page=3', status: 404, size: 0, tab_id: 'A1B2C3' })),
  toRow(frameSummary(4)),
  toRow(frameSummary(5, 'sent')),
];

function shown(text: string): number[] {
  return filterRows(rows, { ...NO_FILTER, text }).map((r) => r.seq);
}

describe('the filter box', () => {
  it('tests the text fields by containment, in any case', () => {
    expect(shown('host:SHOP')).toEqual([2]);
    expect(shown('method:post')).toEqual([2]);
    expect(shown('type:ws')).toEqual([4, 5]);
    expect(shown('path:/v1/items')).toEqual([1, 3]);
    expect(shown('url:cart?id=7')).toEqual([2]);
    expect(shown('direction:sent')).toEqual([5]);
    expect(shown('tab_id:a1b2')).toEqual([3]);
  });

  it('tests numbers by value, comparison, status class and range; an event without the field fails', () => {
    expect(shown('status:404')).toEqual([3]);
    expect(shown('status:>=400')).toEqual([2, 3]);
    expect(shown('status:5xx')).toEqual([2]);
    expect(shown('status:200-404')).toEqual([1, 3]);
    expect(shown('status:<300')).toEqual([1]);
    expect(shown('size:>2k')).toEqual([2]);
    expect(shown('size:0')).toEqual([3]);
    expect(shown('duration_ms:>500')).toEqual([2]);
  });

  it('reads a query parameter of the URL', () => {
    expect(shown('query.page:2')).toEqual([1]);
    expect(shown('query.id:7')).toEqual([2]);
  });

  it('combines fields and words, and leaves out what a minus matches', () => {
    expect(shown('example status:>=400')).toEqual([2, 3]);
    expect(shown('-type:ws_frame -status:5xx')).toEqual([1, 3]);
    expect(shown('-shop')).toEqual([1, 3, 4, 5]);
  });

  it('keeps spaces inside double quotes', () => {
    const spaced = [toRow(httpSummary(9, { url: 'https://x.example.com/my%20files/a b' }))];
    expect(filterRows(spaced, { ...NO_FILTER, text: 'url:"a b"' }).map((r) => r.seq)).toEqual([9]);
  });

  it('takes a URL or a host and port as words, and a field still being typed as nothing yet', () => {
    expect(shown('https://shop.example.com/cart')).toEqual([2]);
    expect(parseFilterText('localhost:8080').problems).toEqual([]);
    expect(parseFilterText('status:').tests).toEqual([]);
    expect(shown('status:')).toEqual([1, 2, 3, 4, 5]);
  });

  it('says what it cannot use: a bad number, a field the summaries lack, a misspelt field', () => {
    expect(parseFilterText('status:abc').problems).toEqual([
      'status:abc: not a number; try status:404, status:>=400, status:4xx or status:400-499',
    ]);
    expect(shown('status:abc')).toEqual([1, 2, 3, 4, 5]);
    expect(parseFilterText('response.json.total:3 request.headers.accept:json').problems).toEqual([
      "response.json.total: the table keeps each event's summary, without headers, bodies or payloads;" +
        " a stream's rule can test this field (Streams, New stream)",
      "request.headers.accept: the table keeps each event's summary, without headers, bodies or payloads;" +
        " a stream's rule can test this field (Streams, New stream)",
    ]);
    expect(parseFilterText('hots:shop').problems).toEqual([
      'hots: not a field; searched for as text. Fields: type, method, status, host, path, url, query.NAME, size,' +
        ' duration_ms, direction, tab_id',
    ]);
    expect(shown('hots:shop')).toEqual([]);
  });
});
