import { useEffect, useState } from 'preact/hooks';
import { ApiError, fetchEvents, type SseEvent, type WsFrameEvent } from '../../api';
import { connectionHostQuery, connectionQuery, eventsOf, frameSize, type Connection } from '../../logic/connection';
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
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);

  useEffect(() => {
    let current = true;
    setItems(null);
    setError(null);
    setOpen(null);
    // An encrypted store refuses URL patterns (400): its hosts still compare.
    fetchEvents(connectionQuery(connection))
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 400) return fetchEvents(connectionHostQuery(connection));
        throw e;
      })
      .then((page) => {
        if (!current) return;
        setItems(eventsOf(connection, page.events));
        setMore(page.next !== null);
      })
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [connection.kind, connection.id, connection.url, props.seq]);

  const title = connection.kind === 'ws' ? 'Frames of this connection' : 'Messages of this stream';
  return (
    <section>
      <h3>
        {title} {items && <small>({items.length}{more ? ', the first 1,000 read' : ''})</small>}
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
    </section>
  );
}
