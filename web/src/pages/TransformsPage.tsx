import { useEffect, useMemo, useState } from 'preact/hooks';
import { type ConfigFile, fetchConfig, saveConfig, TryRefused, tryTransform } from '../api/transforms';
import { CodeEditor } from '../components/CodeEditor';
import type { Marker } from '../editor/codemirror';
import { errorPosition } from '../logic/errorPosition';
import { pageArgument } from '../logic/route';
import { summarize, type TrialRow, trialRows } from '../logic/trial';
import { noStreamsText } from '../logic/transformPicker';
import { setStreamTransform, YamlEditError } from '../logic/yamlTransform';

/** What a stream without a transform starts from: its events as they are. */
const STARTER = 'function transform(event) {\n  return event;\n}\n';
const DEFAULT_LIMIT = 20;

function message(e: unknown): string {
  return String(e instanceof Error ? e.message : e);
}

function useStreamArgument(): string {
  const [stream, setStream] = useState(() => decodeURIComponent(pageArgument(location.hash)));
  useEffect(() => {
    const follow = () => setStream(decodeURIComponent(pageArgument(location.hash)));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return stream;
}

/** #/transforms/<stream>: the stream's transform in an editor, tried on its last events, saved into the config. */
export function TransformsPage() {
  const stream = useStreamArgument();
  const [config, setConfig] = useState<ConfigFile | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    fetchConfig().then(setConfig, (e: unknown) => setProblem(`could not read the config: ${message(e)}`));
  }, [stream]);

  if (problem) return <div class="page"><div class="banner banner-error" role="alert">{problem}</div></div>;
  if (!config) return <div class="page"><div class="loading">Loading the config…</div></div>;
  if (!stream) return <StreamPicker config={config} />;
  if (!config.streams.some((s) => s.name === stream)) {
    return (
      <div class="page">
        <div class="banner banner-error" role="alert">
          No stream named “{stream}” in {config.file}. <a href="#/transforms">Pick one</a>.
        </div>
      </div>
    );
  }
  return <TransformEditor key={stream} stream={stream} config={config} onSaved={setConfig} />;
}

function StreamPicker({ config }: { config: ConfigFile }) {
  const empty = noStreamsText(config);
  return (
    <div class="page transforms-list" data-testid="transform-streams">
      <h2>Transforms</h2>
      {!config.valid && config.error && <div class="banner banner-error">The config file does not load: {config.error}</div>}
      {empty !== null ? (
        <p class="empty">
          {empty} {config.valid && <a href="#/streams/+new">New stream</a>}
        </p>
      ) : (
        <ul>
          {config.streams.map((s) => (
            <li key={s.name}>
              <a href={`#/transforms/${encodeURIComponent(s.name)}`}>{s.name}</a>{' '}
              <small>
                {s.transform !== undefined ? 'inline transform' : s.transform_file !== undefined ? `transform_file ${s.transform_file}` : 'no transform'}
              </small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface EditorProps {
  stream: string;
  config: ConfigFile;
  onSaved(config: ConfigFile): void;
}

function TransformEditor({ stream, config, onSaved }: EditorProps) {
  const saved = config.streams.find((s) => s.name === stream);
  const [initial, setInitial] = useState<string | null>(saved?.transform ?? null);
  const [source, setSource] = useState(saved?.transform ?? '');
  const [limit, setLimit] = useState(DEFAULT_LIMIT);
  const [rows, setRows] = useState<TrialRow[] | null>(null);
  const [running, setRunning] = useState(false);
  const [loadError, setLoadError] = useState<{ text: string; marker: Marker | null } | null>(null);
  const [saveState, setSaveState] = useState<{ ok: boolean; text: string; marker: Marker | null } | null>(null);

  const run = (text: string | null) => {
    setRunning(true);
    tryTransform(stream, text, limit)
      .then((answer) => {
        setLoadError(null);
        setRows(trialRows(answer.results));
        if (text === null) {
          const start = answer.transform ?? STARTER;
          setInitial(start);
          setSource(start);
        }
      })
      .catch((e: unknown) => {
        const at = e instanceof TryRefused && e.line !== null ? { line: e.line, column: e.column ?? undefined } : null;
        setLoadError({ text: message(e), marker: at ? { at, message: message(e) } : null });
        setRows(null); // what an earlier source made, and its marks, would be taken for this one's
        if (text === null) {
          setInitial(saved?.transform ?? STARTER);
          setSource(saved?.transform ?? STARTER);
        }
      })
      .finally(() => setRunning(false));
  };

  // The saved transform runs once on opening: its source (a transform_file's too) and what it makes now.
  useEffect(() => run(null), []);

  const save = () => {
    setSaveState(null);
    // The file as it is now, not as the page opened it: an edit made meanwhile (another page, an
    // editor) is kept, and the version sent is the current one.
    fetchConfig()
      .then((latest) => {
        const yaml = setStreamTransform(latest.yaml ?? '', stream, source).yaml;
        return saveConfig(yaml, latest.version).then((answer) => ({ latest, answer }));
      })
      .then(({ latest, answer }) => {
        const reload = answer.reload.error ? `but the pipeline did not take it: ${answer.reload.error}` : answer.reload.message;
        setSaveState({ ok: answer.reload.error === null, text: `Saved to ${latest.file}; ${reload}`, marker: null });
        return fetchConfig().then(onSaved);
      })
      .catch((e: unknown) => {
        const at = e instanceof YamlEditError ? null : errorPosition(message(e));
        setSaveState({ ok: false, text: message(e), marker: at ? { at, message: message(e) } : null });
      });
  };

  const markers = useMemo(() => {
    const all: Marker[] = [];
    if (loadError?.marker) all.push(loadError.marker);
    if (saveState?.marker) all.push(saveState.marker);
    for (const r of rows ?? []) {
      if (r.errorAt && r.error && !all.some((m) => m.at.line === r.errorAt?.line)) {
        all.push({ at: r.errorAt, message: `event ${r.seq}: ${r.error}` });
      }
    }
    return all;
  }, [loadError, saveState, rows]);

  const summary = rows ? summarize(rows) : null;
  return (
    <div class="page transform-page" data-testid="transform-editor">
      <div class="toolbar">
        <h2>
          Transform of <span data-testid="transform-stream">{stream}</span>
        </h2>
        <label>
          last{' '}
          <input type="number" min={1} max={1000} value={limit} data-testid="trial-limit"
            onInput={(e) => setLimit(Math.min(1000, Math.max(1, Number(e.currentTarget.value) || DEFAULT_LIMIT)))} />{' '}
          matching events
        </label>
        <button type="button" data-testid="run" disabled={running} onClick={() => run(source)}>
          {running ? 'Running…' : 'Test-run'}
        </button>
        <button type="button" data-testid="save" onClick={save}>
          Save
        </button>
      </div>
      {saved?.transform_file !== undefined && (
        <div class="banner banner-warn" data-testid="inline-notice">
          This stream reads its transform from {saved.transform_file}. Saving writes it inline into {config.file}; the
          file stays on disk but is no longer read.
        </div>
      )}
      {loadError && (
        <div class="banner banner-error" role="alert" data-testid="transform-error">
          {loadError.text}
        </div>
      )}
      {saveState && (
        <div class={`banner ${saveState.ok ? 'banner-ok' : 'banner-error'}`} role="status" data-testid="save-status">
          {saveState.text}
        </div>
      )}
      <main class="transform-body">
        <section class="transform-source">
          {initial === null ? <div class="loading">Loading the transform…</div> : (
            <CodeEditor initial={initial} onChange={setSource} markers={markers} />
          )}
        </section>
        <section class="trial" data-testid="trial">
          {summary && (
            <div class="trial-summary" data-testid="trial-summary">
              {summary.tried} events: {summary.records} records, {summary.dropped} dropped, {summary.failed} failed
            </div>
          )}
          {rows && rows.length === 0 && <p class="empty">No stored event matches this stream's rule yet.</p>}
          {rows && rows.length > 0 && (
            <div class="trial-columns">
              <span>Event</span>
              <span>What the transform made of it</span>
            </div>
          )}
          {rows?.map((r) => (
            <div key={r.seq} class={`trial-row trial-${r.outcome}`} data-testid="trial-row" data-seq={r.seq}>
              <div class="trial-head">
                event {r.seq} <span class="trial-outcome">{r.outcome === 'records' ? `${r.outputs.length} record(s)` : r.outcome}</span>
              </div>
              <pre class="trial-in" data-testid="trial-input">{r.input}</pre>
              <div class="trial-out" data-testid="trial-output">
                {r.outcome === 'dropped' && <span class="trial-note">dropped</span>}
                {r.error && <span class="trial-error">{r.error}</span>}
                {r.outputs.map((o, i) => <pre key={i}>{o}</pre>)}
              </div>
            </div>
          ))}
        </section>
      </main>
    </div>
  );
}
