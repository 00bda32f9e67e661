import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fetchHar, fetchSummaries, openFeed } from '../api';
import { filterRows, NO_FILTER, type RowFilter } from '../logic/filter';
import { parseFilterText } from '../logic/filterText';
import { KEPT_ROWS, LiveEvents, type LiveSnapshot } from '../logic/live';
import { FEED_BATCH_MS, redrawDelay } from '../logic/redraw';
import { eventOfFragment } from '../logic/route';
import { EventDetail } from '../components/EventDetail';
import { LiveTable } from '../components/LiveTable';
import { MissedBanner } from '../components/MissedBanner';
import { Toolbar } from '../components/Toolbar';
import { useHarDownload } from '../components/useHarDownload';


export type Connection = 'connecting' | 'live' | 'closed';

export interface LivePageProps {
  /** Tells the header how the live feed is doing. */
  onConnection(connection: Connection): void;
}

/**
 * The live events and the detail of the one selected. It stays mounted while another page is shown,
 * so that the table keeps filling and nothing arrived meanwhile is missing when the user comes back.
 */
export function LivePage({ onConnection }: LivePageProps) {
  const live = useMemo(() => new LiveEvents(KEPT_ROWS), []);
  const [snapshot, setSnapshot] = useState<LiveSnapshot>(() => live.snapshot());
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);
  const [selected, setSelected] = useState<number | null>(() => eventOfFragment(location.hash));
  const [problem, setProblem] = useState<string | null>(null);
  const har = useHarDownload();
  const redrawTimer = useRef<number | null>(null);
  // Events since the last redraw, and how many the last one drew: together they set the next wait.
  const arrived = useRef(0);
  const lastDrawn = useRef(0);

  // A redraw per event would be 1,000 a second at 1,000 events/s: the table redraws at most every
  // redrawDelay, the events in between drawn together.
  const scheduleRedraw = () => {
    arrived.current++;
    if (redrawTimer.current !== null) return;
    // The redraw changes the table's DOM in this timer's task; the browser lays the changes out
    // and paints them in its next frame, a task of its own (LiveTable scrolls at that frame's
    // start). On two cores busy with the captured browser and the capture, a task the system
    // preempts takes several times its own running time, so the shorter each task, the better:
    // traced at 1,000 events/s, the redraw's own task ran about 2 ms and its frame about 5.
    redrawTimer.current = window.setTimeout(() => {
      redrawTimer.current = null;
      lastDrawn.current = arrived.current;
      arrived.current = 0;
      setSnapshot(live.snapshot());
    }, redrawDelay(lastDrawn.current));
  };

  useEffect(() => {
    let feed: { close(): void } | null = null;
    let stopped = false;
    // The latest stored page first, then the feed from the newest seq of it: no gap, no duplicate.
    // Without that page (the store unreadable), only new events: catching up from seq 0 could mean
    // every event of a long capture.
    fetchSummaries({ order: 'newest', limit: 1000, with_streams: true })
      .then((page) => {
        for (let i = page.events.length - 1; i >= 0; i--) {
          const event = page.events[i];
          live.add(event, page.streams?.[String(event.seq)]);
        }
        return true;
      })
      .catch((e: unknown) => {
        setProblem(`could not read the stored events: ${String(e instanceof Error ? e.message : e)}`);
        return false;
      })
      .then((caughtUp) => {
        if (stopped) return;
        setSnapshot(live.snapshot());
        feed = openFeed(
          caughtUp
            ? { since: live.snapshot().lastSeq, streams: true, batch_ms: FEED_BATCH_MS }
            : { streams: true, batch_ms: FEED_BATCH_MS },
          {
            onEvent: (event, streams) => {
              live.add(event, streams);
              scheduleRedraw();
            },
            onNotice: (notice) => {
              if (notice.kind === 'live') onConnection('live');
              else if (notice.kind === 'error') setProblem(`the feed refused the subscription: ${notice.error}`);
              live.notice(notice);
              scheduleRedraw();
            },
            onClose: (reason) => {
              onConnection('closed');
              setProblem(`the live feed ended: ${reason}; reload the page to reconnect`);
            },
          },
        );
      });
    return () => {
      stopped = true;
      feed?.close();
      if (redrawTimer.current !== null) window.clearTimeout(redrawTimer.current);
    };
  }, [live]);

  useEffect(() => {
    // #/live/<seq> opens that event (the side panel links to events so).
    const follow = () => {
      const seq = eventOfFragment(location.hash);
      if (seq !== null) setSelected(seq);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  const rows = useMemo(() => filterRows(snapshot.rows, filter), [snapshot.rows, filter]);
  const filterProblems = useMemo(() => parseFilterText(filter.text).problems, [filter.text]);


  return (
    <div class="page">
      <Toolbar
        filter={filter}
        onFilter={setFilter}
        paused={snapshot.paused}
        arrivedWhilePaused={snapshot.arrivedWhilePaused}
        onPause={(paused) => {
          live.setPaused(paused);
          setSnapshot(live.snapshot());
        }}
        onClear={() => {
          live.clear();
          setSelected(null);
          setSnapshot(live.snapshot());
        }}
        shown={rows.length}
        kept={snapshot.rows.length}
        streams={snapshot.streams}
        tabs={snapshot.tabs}
        onDownloadHar={() => har.download(rows.map((row) => row.seq), fetchHar)}
        downloadingHar={har.downloading}
      />
      {problem && (
        <div class="banner banner-error" role="alert">
          {problem}
        </div>
      )}
      {filterProblems.length > 0 && (
        <div class="banner banner-warn" role="status" data-testid="filter-problems">
          {filterProblems.map((problem) => (
            <div key={problem}>{problem}</div>
          ))}
        </div>
      )}
      {har.note && (
        <div class="banner banner-warn" role="status" data-testid="har-note">
          {har.note}
        </div>
      )}
      <MissedBanner missed={snapshot.missed} range={snapshot.missedRange} />
      <main class={selected === null ? 'body' : 'body with-detail'}>
        <LiveTable rows={rows} selected={selected} onSelect={setSelected} />
        {selected !== null && <EventDetail seq={selected} onClose={() => setSelected(null)} />}
      </main>
    </div>
  );
}
