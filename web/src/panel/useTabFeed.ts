import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, type Feed } from '../api';
import { FEED_BATCH_MS } from '../logic/redraw';
import { PanelApi } from './client';
import type { Pairing } from './pairing';
import { TabEvents, type TabSnapshot } from './tabEvents';

/** How often the config's streams, and which of them take the tab's events, are asked again; the list is redrawn at most every REDRAW_MS. */
const STREAMS_MS = 2000;
const REDRAW_MS = 200;

export interface TabFeed {
  snapshot: TabSnapshot;
  /** Why the panel shows nothing new, or null while all is well. */
  problem: string | null;
  /** Whether the server refused the token: the pairing is stale (DataSipper started again). */
  refused: boolean;
}

/** The tab's stored events, then its live ones from the feed, and which streams took them. */
export function useTabFeed(pairing: Pairing, tab: string): TabFeed {
  const events = useMemo(() => new TabEvents(), [pairing, tab]);
  const [snapshot, setSnapshot] = useState<TabSnapshot>(() => events.snapshot());
  const [problem, setProblem] = useState<string | null>(null);
  const [refused, setRefused] = useState(false);

  useEffect(() => {
    const api = new PanelApi(pairing);
    let feed: Feed | null = null;
    let stopped = false;
    let redraw = 0;
    const scheduleRedraw = () => {
      if (redraw !== 0) return;
      redraw = window.setTimeout(() => {
        redraw = 0;
        setSnapshot(events.snapshot());
      }, REDRAW_MS);
    };
    const fail = (e: unknown) => {
      if (stopped) return;
      setRefused(e instanceof ApiError && e.status === 401);
      setProblem(e instanceof Error ? e.message : String(e));
    };
    // Live events come with their streams; this catches up with an edited config.
    const readStreams = async () => {
      const [names, page] = await Promise.all([api.streamNames(), api.tabEvents(tab)]);
      events.setConfigured(names);
      events.reroute(page.streams ?? {});
      scheduleRedraw();
    };
    setSnapshot(events.snapshot());
    setProblem(null);
    setRefused(false);
    // The store's newest seq first, then the tab's events up to it (and maybe a few after), then the
    // feed from that seq: no gap, repeats are dropped by seq, and the feed's catch-up never reads
    // the whole store for a tab that has no events yet.
    api
      .newestSeq()
      .then(async (head) => ({ head, page: await api.tabEvents(tab) }))
      .then(({ head, page }) => {
        if (stopped) return;
        let since = head;
        for (const event of page.events) {
          events.add(event, page.streams?.[String(event.seq)]);
          since = Math.max(since, event.seq);
        }
        scheduleRedraw();
        feed = api.openFeed(
          { filter: { field: 'tab_id', operator: 'equals', value: tab }, since, streams: true, batch_ms: FEED_BATCH_MS },
          {
            onEvent: (event, streams) => {
              events.add(event, streams);
              scheduleRedraw();
            },
            onNotice: (notice) => {
              if (notice.kind === 'error') setProblem(`the feed refused the subscription: ${notice.error}`);
            },
            onClose: (reason) => {
              if (!stopped) setProblem(`the live feed ended: ${reason}`);
            },
          },
        );
        return readStreams();
      })
      .catch(fail);
    const streamsTimer = window.setInterval(() => void readStreams().catch(fail), STREAMS_MS);
    return () => {
      stopped = true;
      feed?.close();
      window.clearInterval(streamsTimer);
      window.clearTimeout(redraw);
    };
  }, [events]);

  return { snapshot, problem, refused };
}
