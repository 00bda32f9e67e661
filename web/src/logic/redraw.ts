/** How long the live table waits before its next redraw, after a quiet spell: a new row shows at once, as it were. */
export const REDRAW_MS = 100;
/** The wait while events pour in, when no one reads the rows flying past anyway. */
export const BUSY_REDRAW_MS = 250;
/**
 * How long the live views' feed gathers events into one message (batch_ms): well under a redraw,
 * so a new row waits no longer for it, and at 1,000 events/s the page handles 20 messages a second
 * instead of 1,000.
 */
export const FEED_BATCH_MS = 50;
/** Events in one redraw above which the feed counts as pouring in (200 a second at REDRAW_MS). */
export const BUSY_EVENTS = 20;

/**
 * The wait before the next redraw, from how many events the last one drew. Every redraw changes
 * the text of every row in view and has the browser lay them out and paint them again: at 1,000
 * events/s, redrawing every 100 ms kept the dashboard's browser busy half a core, which it took
 * from the browser being captured; every 250 ms cost a third of that.
 */
export function redrawDelay(eventsInLastRedraw: number): number {
  return eventsInLastRedraw > BUSY_EVENTS ? BUSY_REDRAW_MS : REDRAW_MS;
}
