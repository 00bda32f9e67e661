import { useEffect, useState } from 'preact/hooks';
import {
  discard,
  discardAll,
  fetchConfig,
  fetchDeadLetter,
  fetchDeadLetters,
  redeliver,
  redeliverAll,
  type ConfigView,
  type DeadLetter,
  type DeadLetterFilter,
} from '../api/outputs';
import { ConfirmButton } from '../components/ConfirmButton';
import { deadLetterRoute, deadLettersHash } from '../logic/deadLetterRoute';
import { discardAllQuestion, discardable } from '../logic/discardQuestion';
import { pageArgument } from '../logic/route';

/** How often the list is read again: a letter sent back turns delivered once its output wrote it. */
const REFRESH_MS = 2000;
/** The most letters listed; a filter narrows a longer list. */
const SHOWN = 500;

function deadLetters(n: number): string {
  return `${n} dead letter${n === 1 ? '' : 's'}`;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The dead letters: the records an output refused for good and the events a stream's transform
 * failed on, filtered by stream or output; one opens with its record and error, and can be sent
 * back to its output or discarded, one or all of the filter's at once.
 */
export function DeadLettersPage() {
  const [route, setRoute] = useState(() => deadLetterRoute(pageArgument(location.hash)));
  const [filter, setFilter] = useState<DeadLetterFilter>(route.filter);
  const [letters, setLetters] = useState<DeadLetter[] | null>(null);
  const [more, setMore] = useState(false);
  const [opened, setOpened] = useState<DeadLetter | null>(null);
  const [config, setConfig] = useState<ConfigView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const follow = () => {
      const next = deadLetterRoute(pageArgument(location.hash));
      setRoute(next);
      if (next.open === null) setFilter(next.filter);
    };
    window.addEventListener('hashchange', follow);
    fetchConfig().then(setConfig, () => setConfig(null));
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  useEffect(() => {
    let stopped = false;
    let timer = 0;
    const refresh = () =>
      fetchDeadLetters(filter, SHOWN)
        .then((page) => {
          if (stopped) return;
          setLetters(page.dead_letters);
          setMore(page.next !== null);
          setProblem(null);
        })
        .catch((e: unknown) => !stopped && setProblem(`could not read the dead letters: ${message(e)}`))
        .finally(() => {
          if (!stopped) timer = window.setTimeout(refresh, REFRESH_MS);
        });
    void refresh();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [filter.stream, filter.output, reload]);

  useEffect(() => {
    if (route.open === null) {
      setOpened(null);
      return;
    }
    fetchDeadLetter(route.open).then(setOpened, (e: unknown) => setProblem(message(e)));
  }, [route.open, reload]);

  const chooseFilter = (next: DeadLetterFilter) => {
    setNotice(null);
    location.hash = deadLettersHash(next);
  };
  /** Does what a button asks, says what came of it (or what went wrong), and reads the list again. */
  const act = async (work: () => Promise<string>) => {
    try {
      setNotice(await work());
    } catch (e) {
      setNotice(null);
      setProblem(message(e));
    }
    setReload((n) => n + 1);
  };
  const sendBack = (letter: DeadLetter) =>
    act(async () => {
      await redeliver(letter.id);
      return `Dead letter ${letter.id} sent back to ${letter.output}`;
    });
  const sendAll = () => act(async () => `${deadLetters(await redeliverAll(filter))} sent back`);
  const discardOne = (letter: DeadLetter) =>
    act(async () => {
      await discard(letter.id);
      location.hash = deadLettersHash(filter);
      return `Dead letter ${letter.id} discarded`;
    });
  const discardFiltered = () =>
    act(async () => {
      const n = await discardAll(filter);
      if (route.open !== null) location.hash = deadLettersHash(filter);
      return `${deadLetters(n)} discarded`;
    });

  const streams = [...new Set([...(config?.streams ?? []).map((s) => s.name), ...(letters ?? []).map((l) => l.stream)])];
  const outputs = [
    ...new Set([...Object.keys(config?.outputs ?? {}), ...(letters ?? []).flatMap((l) => (l.output ? [l.output] : []))]),
  ];
  const waiting = (letters ?? []).filter((l) => l.state === 'dead' && l.output !== null).length;

  return (
    <div class="page dead-letters-page">
      <div class="toolbar">
        <label>
          stream{' '}
          <select data-testid="dl-stream-filter" value={filter.stream ?? ''}
            onChange={(e) => chooseFilter({ ...filter, stream: e.currentTarget.value || undefined })}>
            <option value="">all</option>
            {streams.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          output{' '}
          <select data-testid="dl-output-filter" value={filter.output ?? ''}
            onChange={(e) => chooseFilter({ ...filter, output: e.currentTarget.value || undefined })}>
            <option value="">all</option>
            {outputs.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <button data-testid="dl-send-all" onClick={sendAll} disabled={waiting === 0}
          title="Send back every dead letter of this filter that an output refused">
          Send all back
        </button>
        <ConfirmButton testid="dl-discard-all" label="Discard all" question={discardAllQuestion(letters ?? [], more)}
          disabled={discardable(letters ?? []) === 0}
          title="Delete for good every dead letter of this filter, but those being sent back"
          onConfirm={discardFiltered} />
        <span class="count" data-testid="dl-count">
          {letters === null
            ? 'reading…'
            : `${more ? 'the first ' : ''}${deadLetters(letters.length)}`}
        </span>
      </div>
      {problem && <div class="banner banner-error">{problem}</div>}
      {notice && (
        <div class="banner" data-testid="dl-notice">
          {notice}
        </div>
      )}
      <div class="body">
        <div class="scroll">
          <table class="grid" data-testid="dl-table">
            <thead>
              <tr>
                <th class="num">Id</th>
                <th>Failed at</th>
                <th>Stream</th>
                <th>Output</th>
                <th>State</th>
                <th>Error</th>
              </tr>
            </thead>
            <tbody>
              {(letters ?? []).map((l) => (
                <tr key={l.id} data-testid={`dl-row-${l.id}`} class={opened?.id === l.id ? 'selected' : undefined}
                  onClick={() => (location.hash = `#/dead-letters/${l.id}`)}>
                  <td class="num">{l.id}</td>
                  <td>{new Date(l.at).toLocaleTimeString()}</td>
                  <td>{l.stream}</td>
                  <td>{l.output ?? <em>transform</em>}</td>
                  <td>
                    <span class={`state state-${l.state}`} data-testid={`dl-state-${l.id}`}>
                      {l.state}
                    </span>
                  </td>
                  <td class="error-text">{l.error}</td>
                </tr>
              ))}
              {letters !== null && letters.length === 0 && (
                <tr>
                  <td colSpan={6} class="empty">
                    No dead letters{filter.stream || filter.output ? ' for this filter' : ''}: every record was delivered
                    or is on its way.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        {opened && (
          <LetterDetail letter={opened} closeHref={deadLettersHash(filter)} onSendBack={sendBack} onDiscard={discardOne} />
        )}
      </div>
    </div>
  );
}

interface DetailProps {
  letter: DeadLetter;
  /** The list the letter was opened from, its filter kept. */
  closeHref: string;
  onSendBack(letter: DeadLetter): void;
  onDiscard(letter: DeadLetter): void;
}

function LetterDetail({ letter, closeHref, onSendBack, onDiscard }: DetailProps) {
  const canSend = letter.output !== null && letter.state !== 'delivered';
  const beingSent = letter.state === 'requeued';
  return (
    <div class="detail" data-testid="dl-detail">
      <div class="detail-bar">
        <h2>Dead letter {letter.id}</h2>
        <button data-testid="dl-send-back" disabled={!canSend} onClick={() => onSendBack(letter)}>
          Send back
        </button>
        <ConfirmButton key={letter.id} testid="dl-discard" label="Discard" question="Discard it for good?"
          disabled={beingSent}
          title={beingSent ? 'Its output is still to write it again' : 'Delete this dead letter for good'}
          onConfirm={() => onDiscard(letter)} />
        <a href={closeHref} data-testid="dl-close">
          Close
        </a>
      </div>
      <div class="detail-body">
        <dl class="facts">
          <dt>Stream</dt>
          <dd>{letter.stream}</dd>
          <dt>Output</dt>
          <dd>{letter.output ?? 'none: the stream failed before any output'}</dd>
          <dt>State</dt>
          <dd>
            {letter.state}
            {letter.redeliveries > 0 && ` (sent back ${letter.redeliveries}×)`}
          </dd>
          <dt>Event</dt>
          <dd>
            {letter.event_id} (seq {letter.source_seq})
          </dd>
          <dt>Failed at</dt>
          <dd>{letter.at}</dd>
        </dl>
        <h3>Error</h3>
        <pre class="error-text" data-testid="dl-error">{letter.error}</pre>
        <h3>{letter.output ? 'Record' : 'Event'}</h3>
        <pre data-testid="dl-record">{JSON.stringify(letter.record, null, 2)}</pre>
        {letter.output === null && (
          <p class="help">
            This event never reached an output, so there is nothing to send it back to: fix the stream's transform and
            replay it.
          </p>
        )}
      </div>
    </div>
  );
}
