import { describe, expect, it } from 'vitest';
import { deadLetterRoute, deadLettersHash } from '../src/logic/deadLetterRoute';

describe('deadLetterRoute', () => {
  it('opens the letter a number names', () => {
    expect(deadLetterRoute('42')).toEqual({ open: 42, filter: {} });
  });
  it('filters by the stream and output named', () => {
    expect(deadLetterRoute('output=orders')).toEqual({ open: null, filter: { output: 'orders' } });
    expect(deadLetterRoute('stream=calls&output=a.b')).toEqual({ open: null, filter: { stream: 'calls', output: 'a.b' } });
    expect(deadLetterRoute('')).toEqual({ open: null, filter: {} });
  });
  it('writes the fragment the route reads back', () => {
    expect(deadLettersHash({ output: 'orders' })).toBe('#/dead-letters/output=orders');
    expect(deadLettersHash({})).toBe('#/dead-letters');
    expect(deadLetterRoute(deadLettersHash({ stream: 's 1' }).slice('#/dead-letters/'.length))).toEqual({
      open: null,
      filter: { stream: 's 1' },
    });
  });
});
