import type { SipEvent } from '../api';
import { type Row, toRow } from '../logic/rows';

/** The newest events of a tab the panel keeps: a side panel is narrow and a tab's recent traffic is what matters. */
export const KEPT_EVENTS = 500;

/** What the panel shows of its tab. */
export interface TabSnapshot {
  /** Newest first, at most {@link KEPT_EVENTS}. */
  rows: readonly Row[];
  /** Every event of the tab seen since the panel opened on it, kept or not. */
  count: number;
  /** Bytes of their bodies and payloads. */
  bytes: number;
  /** Stream name → how many of the kept events it took, by name. */
  streams: ReadonlyMap<string, number>;
  /** Seq → the streams that took that event. */
  streamsOf: ReadonlyMap<number, readonly string[]>;
}

/** The events of one tab as they arrive (stored ones first, then live), with the streams that took them. */
export class TabEvents {
  private readonly rows = new Map<number, Row>();
  private readonly takenBy = new Map<string, ReadonlySet<number>>();
  private count = 0;
  private bytes = 0;

  /** Adds an event; one already seen (the stored page and the feed overlap) is not counted twice. */
  add(event: SipEvent): void {
    if (this.rows.has(event.seq)) return;
    const row = toRow(event);
    this.rows.set(event.seq, row);
    this.count++;
    if (row.size > 0) this.bytes += row.size;
    if (this.rows.size > KEPT_EVENTS) this.rows.delete(Math.min(...this.rows.keys()));
  }

  /** Which of the tab's events a stream took, as the server says now. */
  setStream(name: string, seqs: readonly number[]): void {
    this.takenBy.set(name, new Set(seqs));
  }

  /** Forgets the streams not in `names` (removed from the config). */
  keepStreams(names: readonly string[]): void {
    for (const name of [...this.takenBy.keys()]) if (!names.includes(name)) this.takenBy.delete(name);
  }

  snapshot(): TabSnapshot {
    const rows = [...this.rows.values()].sort((a, b) => b.seq - a.seq);
    const streams = new Map<string, number>();
    const streamsOf = new Map<number, string[]>();
    for (const [name, seqs] of [...this.takenBy.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      let taken = 0;
      for (const row of rows) {
        if (!seqs.has(row.seq)) continue;
        taken++;
        const names = streamsOf.get(row.seq);
        if (names) names.push(name);
        else streamsOf.set(row.seq, [name]);
      }
      streams.set(name, taken);
    }
    return { rows, count: this.count, bytes: this.bytes, streams, streamsOf };
  }
}
