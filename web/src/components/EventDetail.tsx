import { useEffect, useState } from 'preact/hooks';
import { fetchEvent, type Header, type SipEvent } from '../api';
import { connectionOf } from '../logic/connection';
import { toCurl, toJsonText } from '../logic/curl';
import { copyText } from '../logic/clipboard';
import { newStreamFromEventHref } from '../logic/streamLinks';
import { BodyBlock } from './detail/BodyBlock';
import { ConnectionTimeline } from './detail/ConnectionTimeline';
import { TimingBars } from './detail/TimingBars';

function Headers(props: { title: string; headers: Header[] | undefined }) {
  if (!props.headers || props.headers.length === 0) return null;
  return (
    <section>
      <h3>{props.title}</h3>
      <table class="headers">
        <tbody>
          {props.headers.map((h, i) => (
            <tr key={i}>
              <th>{h.name}</th>
              <td>{h.value ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Summary(props: { event: SipEvent }) {
  const e = props.event;
  const lines: Array<[string, string]> = [['seq', String(e.seq)], ['type', e.type]];
  switch (e.type) {
    case 'http':
      lines.push(['url', e.url], ['method', e.method], ['status', e.response ? `${e.response.status} ${e.response.status_text ?? ''}` : 'no response']);
      if (e.response?.mime_type) lines.push(['type of content', e.response.mime_type]);
      lines.push(['started', e.started_at], ['ended', e.ended_at]);
      break;
    case 'ws_frame':
      lines.push(['url', e.url], ['direction', e.direction], ['opcode', e.opcode], ['time', e.timestamp]);
      break;
    case 'capture_gap':
      lines.push(['dropped', `${e.dropped_events} events, ${e.dropped_bytes} bytes`], ['reason', e.reason], ['time', e.timestamp]);
      break;
    case 'capture_error':
      lines.push(['kind', e.kind], ['message', e.message], ['time', e.timestamp]);
      break;
    default:
      lines.push(['url', e.url], ['time', e.timestamp]);
  }
  return (
    <table class="summary">
      <tbody>
        {lines.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Contents(props: { event: SipEvent }) {
  const e = props.event;
  switch (e.type) {
    case 'http':
      return (
        <>
          <Headers title="Request headers" headers={e.request.headers} />
          {e.timing && <TimingBars timing={e.timing} />}
          <BodyBlock title="Request body" body={e.request.body} url={e.url} />
          <Headers title="Response headers" headers={e.response?.headers} />
          <BodyBlock title="Response body" body={e.response?.body} mimeType={e.response?.mime_type} url={e.url} />
        </>
      );
    case 'ws_open':
      return (
        <>
          <Headers title="Request headers" headers={e.request_headers} />
          <Headers title="Response headers" headers={e.response_headers} />
        </>
      );
    case 'ws_frame':
      return <BodyBlock title="Payload" body={e.payload} url={e.url} />;
    case 'sse':
      return <BodyBlock title="Data" body={{ encoding: 'text', data: e.data, size: e.data.length, truncated: false }} />;
    default:
      return null;
  }
}

/** One event, read whole from the store: its headers and bodies, and ways to copy it. */
export function EventDetail(props: { seq: number; onClose(): void }) {
  const [event, setEvent] = useState<SipEvent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setEvent(null);
    setError(null);
    setCopied(null);
    fetchEvent(props.seq)
      .then((e) => current && setEvent(e))
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [props.seq]);

  const copy = (what: string, text: string) =>
    copyText(text).then(
      () => setCopied(`${what} copied`),
      (e: unknown) => setCopied(`could not copy: ${e instanceof Error ? e.message : String(e)}`),
    );

  const connection = event ? connectionOf(event) : null;
  return (
    <aside class="detail" data-testid="detail">
      <div class="detail-bar">
        <h2>Event {props.seq}</h2>
        {event?.type === 'http' && (
          <button type="button" data-testid="copy-curl" onClick={() => copy('cURL', toCurl(event))}>
            Copy as cURL
          </button>
        )}
        {event && (
          <button type="button" data-testid="copy-json" onClick={() => copy('JSON', toJsonText(event))}>
            Copy as JSON
          </button>
        )}
        {event && (
          <a class="button" href={newStreamFromEventHref(event.seq)} data-testid="new-stream-from-event">
            New stream from this event
          </a>
        )}
        <button type="button" class="close" aria-label="Close" onClick={props.onClose}>
          ×
        </button>
      </div>
      {copied && <div class="copied">{copied}</div>}
      {error && <div class="banner banner-error">{error}</div>}
      {!event && !error && <div class="loading">Loading…</div>}
      {event && (
        <div class="detail-body">
          <Summary event={event} />
          <Contents event={event} />
          {connection && <ConnectionTimeline connection={connection} seq={event.seq} />}
        </div>
      )}
    </aside>
  );
}
