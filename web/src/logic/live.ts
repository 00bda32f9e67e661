import type { EventSummary, FeedNotice } from '../api';
import { Ring } from './ring';
import { toRow, type Row } from './rows';

/** Rows the live table keeps: older ones drop out as new ones come. */
export const KEPT_ROWS = 10_000;

/** What the live table shows at one moment. */
export interface LiveSnapshot {
  rows: readonly Row[];
  paused: boolean;
  /** Events that arrived while paused, not yet shown. */
  arrivedWhilePaused: number;
  /** Events the feed dropped for this page because it read too slowly, since the last clear. */
  missed: number;
  missedRange: { fromSeq: number; toSeq: number } | null;
  /** Highest seq seen, to subscribe from without a gap; 0 before any. */
  lastSeq: number;
  /** The streams that took an event since the last clear, by name: what the stream filter offers. */
  streams: readonly string[];
  /** The tabs events came from since the last clear, in the order first seen: what the tab filter offers. */
  tabs: readonly string[];
}

/**
 * The live events: the newest {@link KEPT_ROWS} rows, fed by the catch-up page and the feed.
 * A paused view keeps receiving (so nothing is lost) but shows the rows as they were at the pause.
 */
export class LiveEvents {
  private readonly ring: Ring<Row>;
  private paused = false;
  private frozen: readonly Row[] | null = null;
  private arrivedWhilePaused = 0;
  private missed = 0;
  private missedRange: { fromSeq: number; toSeq: number } | null = null;
  private lastSeq = 0;
  private readonly streams = new Set<string>();
  private readonly tabs = new Set<string>();
  private snapshotCache: LiveSnapshot | null = null;

  constructor(capacity = KEPT_ROWS) {
    this.ring = new Ring<Row>(capacity);
  }

  /**
   * Adds an event with the streams that take it; one already seen (by seq) is ignored, so catch-up
   * and feed may overlap.
   */
  add(event: EventSummary, streams?: readonly string[]): void {
    if (event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    const row = toRow(event, streams);
    this.ring.push(row);
    for (const name of row.streams) this.streams.add(name);
    if (row.tab !== '') this.tabs.add(row.tab);
    if (this.paused) this.arrivedWhilePaused++;
    this.snapshotCache = null;
  }

  notice(notice: FeedNotice): void {
    if (notice.kind !== 'missed') return;
    this.missed += notice.missed;
    this.missedRange = {
      fromSeq: this.missedRange ? this.missedRange.fromSeq : notice.fromSeq,
      toSeq: notice.toSeq,
    };
    this.lastSeq = Math.max(this.lastSeq, notice.toSeq);
    this.snapshotCache = null;
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    this.frozen = paused ? this.ring.toArray() : null;
    this.arrivedWhilePaused = 0;
    this.snapshotCache = null;
  }

  /** Empties the table and forgets the missed count; the feed goes on. */
  clear(): void {
    this.ring.clear();
    this.frozen = this.paused ? [] : null;
    this.arrivedWhilePaused = 0;
    this.missed = 0;
    this.missedRange = null;
    this.streams.clear();
    this.tabs.clear();
    this.snapshotCache = null;
  }

  snapshot(): LiveSnapshot {
    if (this.snapshotCache === null) {
      this.snapshotCache = {
        rows: this.frozen ?? this.ring.toArray(),
        paused: this.paused,
        arrivedWhilePaused: this.arrivedWhilePaused,
        missed: this.missed,
        missedRange: this.missedRange,
        lastSeq: this.lastSeq,
        streams: [...this.streams].sort(),
        tabs: [...this.tabs],
      };
    }
    return this.snapshotCache;
  }
}
