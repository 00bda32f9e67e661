import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, fetchEvents, type EventsQuery, type SseEvent, type WsFrameEvent } from '../../api';
import {
  CONNECTION_PAGE as PAGE,
  connectionHostQuery,
  connectionQuery,
  eventsOf,
  frameSize,
  type Connection,
} from '../../logic/connection';
import { BodyBlock } from './BodyBlock';

type Item = WsFrameEvent | SseEvent;

function Row(props: { item: Item; open: boolean; onToggle(): void }) {
  const it = props.item;
  const cells =
    it.type === 'ws_frame'
      ? [it.direction === 'sent' ? '↑ sent' : '↓ received', it.opcode, `${frameSize(it)} B`]
      : [it.event, it.last_event_id ?? '', `${it.data.length} chars`];
  return (
    <>
      <tr class={props.open ? 'selected' : ''} data-frame-seq={it.seq} onClick={props.onToggle}>
        <td>{it.timestamp.slice(11, 23)}</td>
        {cells.map((c, i) => (
          <td key={i}>{c}</td>
        ))}
      </tr>
      {props.open && (
        <tr class="frame-open">
          <td colSpan={4}>
            {it.type === 'ws_frame' ? (
              <BodyBlock title="Frame payload" body={it.payload} />
            ) : (
              <BodyBlock title="Message data" body={{ encoding: 'text', data: it.data, size: it.data.length, truncated: false }} />
            )}
          </td>
        </tr>
      )}
    </>
  );
}

/** A WebSocket connection's frames or an SSE stream's messages, oldest first; a row opens its payload. */
export function ConnectionTimeline(props: { connection: Connection; seq: number }) {
  const { connection } = props;
  const [items, setItems] = useState<Item[] | null>(null);
  // The query that answered (by URL, or by host on an encrypted store) and where its next page starts.
  const [next, setNext] = useState<{ query: EventsQuery; after: number } | null>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  // Which connection a read is for: an answer that comes after another connection was opened is dropped.
  const shownConnection = useRef(0);

  /** Reads a page of the connection's events and shows it: the first replaces what is shown, the next adds to it. */
  const read = (query: EventsQuery, after?: number): Promise<void> => {
    const readFor = shownConnection.current;
    return fetchEvents(after === undefined ? query : { ...query, after }).then((page) => {
      if (readFor !== shownConnection.current) return;
      const mine = eventsOf(connection, page.events);
      setItems((shown) => (after === undefined ? mine : [...(shown ?? []), ...mine]));
      setNext(page.next === null ? null : { query, after: page.next });
    });
  };
  const fail = (connectionRead: number) => (e: unknown) => {
    if (connectionRead === shownConnection.current) setError(e instanceof Error ? e.message : String(e));
  };

  useEffect(() => {
    const opened = ++shownConnection.current;
    setItems(null);
    setNext(null);
    setReading(false);
    setError(null);
    setOpen(null);
    // An encrypted store refuses URL patterns (400): its hosts still compare.
    read(connectionQuery(connection))
      .catch((e: unknown) => {
        if (!(e instanceof ApiError && e.status === 400)) throw e;
        return read(connectionHostQuery(connection));
      })
      .catch(fail(opened));
  }, [connection.kind, connection.id, connection.url, props.seq]);

  const readMore = () => {
    if (!next || reading) return;
    setReading(true);
    read(next.query, next.after)
      .catch(fail(shownConnection.current))
      .finally(() => setReading(false));
  };

  const title = connection.kind === 'ws' ? 'Frames of this connection' : 'Messages of this stream';
  return (
    <section>
      <h3>
        {title} {items && <small>({items.length.toLocaleString('en')}{next ? ' so far' : ''})</small>}
      </h3>
      {error && <div class="banner banner-error">{error}</div>}
      {!items && !error && <div class="loading">Loading…</div>}
      {items && (
        <table class="timeline" data-testid="timeline">
          <thead>
            <tr>
              <th>time</th>
              {connection.kind === 'ws' ? (
                <>
                  <th>direction</th>
                  <th>opcode</th>
                  <th>size</th>
                </>
              ) : (
                <>
                  <th>event</th>
                  <th>id</th>
                  <th>size</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {items.map((it) => (
              <Row key={it.seq} item={it} open={open === it.seq} onToggle={() => setOpen(open === it.seq ? null : it.seq)} />
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" data-testid="timeline-more" disabled={reading} onClick={readMore}>
          {reading ? 'Reading…' : `Read the next ${PAGE.toLocaleString('en')}`}
        </button>
      )}
    </section>
  );
}
