import type { EventSummary } from '../api';
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
  /** Each configured stream → how many of the kept events it took, by name. */
  streams: ReadonlyMap<string, number>;
}

/** The events of one tab as they arrive (stored ones first, then live), with the streams that took them. */
export class TabEvents {
  private readonly rows = new Map<number, Row>();
  private configured: readonly string[] = [];
  private count = 0;
  private bytes = 0;

  /**
   * Adds an event with the streams that take it; one already seen (the stored page and the feed
   * overlap) is not counted twice.
   */
  add(event: EventSummary, streams?: readonly string[]): void {
    if (this.rows.has(event.seq)) return;
    const row = toRow(event, streams);
    this.rows.set(event.seq, row);
    this.count++;
    if (row.size > 0) this.bytes += row.size;
    if (this.rows.size > KEPT_EVENTS) this.rows.delete(Math.min(...this.rows.keys()));
  }

  /** The config's streams now: each is counted, those that took none too. */
  setConfigured(names: readonly string[]): void {
    this.configured = [...names].sort();
  }

  /**
   * Which streams take the kept events, as the server routes them now (by seq): an edited config
   * may route events seen before it otherwise.
   */
  reroute(streamsBySeq: Readonly<Record<string, readonly string[]>>): void {
    for (const [seq, row] of this.rows) {
      const streams = streamsBySeq[String(seq)];
      if (streams !== undefined) this.rows.set(seq, { ...row, streams });
    }
  }

  snapshot(): TabSnapshot {
    const rows = [...this.rows.values()].sort((a, b) => b.seq - a.seq);
    const streams = new Map<string, number>(this.configured.map((name) => [name, 0]));
    for (const row of rows) {
      for (const name of row.streams) {
        const taken = streams.get(name);
        if (taken !== undefined) streams.set(name, taken + 1);
      }
    }
    return { rows, count: this.count, bytes: this.bytes, streams };
  }
}
