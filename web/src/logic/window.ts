/** The rows a scrolled view must draw: [first, end) with a few extra above and below. */
export interface RowWindow {
  first: number;
  end: number;
}

/**
 * Which of {@code count} rows of {@code rowHeight} pixels a viewport of {@code viewHeight} pixels
 * scrolled to {@code scrollTop} shows, plus {@code overscan} rows each side so a fast scroll does
 * not show blank space before the next draw.
 */
export function visibleWindow(count: number, rowHeight: number, scrollTop: number, viewHeight: number, overscan = 10): RowWindow {
  if (count === 0 || rowHeight <= 0) return { first: 0, end: 0 };
  const top = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const bottom = Math.ceil((scrollTop + Math.max(viewHeight, 0)) / rowHeight) + overscan;
  const first = Math.min(top, count);
  return { first, end: Math.min(count, Math.max(first, bottom)) };
}

/**
 * How many row elements a table following new rows keeps in its DOM: a full view of them, drawn
 * {@code overscan} rows above it, as {@link visibleWindow} draws it at the bottom. A table with
 * fewer rows keeps the rest as empty, hidden slots, so that the rows arriving later fill elements
 * that are already styled and laid out instead of creating them.
 */
export function rowSlots(rowHeight: number, viewHeight: number, overscan: number): number {
  if (rowHeight <= 0) return 0;
  return Math.ceil(Math.max(viewHeight, 0) / rowHeight) + 1 + overscan;
}
