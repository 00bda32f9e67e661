import { describe, expect, it } from 'vitest';
import { BUSY_EVENTS, BUSY_REDRAW_MS, REDRAW_MS, redrawDelay } from '../src/logic/redraw';

describe('redrawDelay', () => {
  it('redraws soon after a few events, so a click in the browser shows its request at once', () => {
    expect(redrawDelay(0)).toBe(REDRAW_MS);
    expect(redrawDelay(1)).toBe(REDRAW_MS);
    expect(redrawDelay(BUSY_EVENTS)).toBe(REDRAW_MS);
  });

  it('waits longer while events pour in', () => {
    expect(redrawDelay(BUSY_EVENTS + 1)).toBe(BUSY_REDRAW_MS);
    expect(redrawDelay(100)).toBe(BUSY_REDRAW_MS);
    expect(BUSY_REDRAW_MS).toBeGreaterThan(REDRAW_MS);
  });
});
