import { useEffect, useRef, useState } from 'preact/hooks';
import {
  fetchConfig,
  fetchOutputTypes,
  fetchStats,
  type ConfigView,
  type OutputType,
  type Stats,
} from '../api/outputs';
import { OutputForm } from '../components/OutputForm';
import { deadLettersHash } from '../logic/deadLetterRoute';
import { readConfigAgain } from '../logic/followConfig';
import { notInFile } from '../logic/notInFile';
import { countText, latencyText, outputRows } from '../logic/outputRows';
import { earlierDeliveryText, figuresText } from '../logic/savedFigures';

/** How often the figures are read again while the page shows. */
const REFRESH_MS = 2000;

/** Editing state: no form, the form for a new output, or for the output named. */
type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; name: string };

/**
 * The outputs: each one's health and figures as the running pipeline reports them, and a form to
 * add or edit one, saved in the config file the pipeline reloads.
 */
export function OutputsPage() {
  const [types, setTypes] = useState<OutputType[]>([]);
  const [pluginProblems, setPluginProblems] = useState<string[]>([]);
  const [config, setConfig] = useState<ConfigView | null>(null);
  const [stats, setStats] = useState<Stats | null>(null);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const editingNow = useRef(editing);
  editingNow.current = editing;

  const loadConfig = () =>
    fetchConfig()
      .then(setConfig)
      .catch((e: unknown) => setProblem(`could not read the config: ${e instanceof Error ? e.message : String(e)}`));

  useEffect(() => {
    fetchOutputTypes()
      .then((t) => {
        setTypes(t.types);
        setPluginProblems(t.plugins.problems);
      })
      .catch((e: unknown) => setProblem(`could not read the output types: ${e instanceof Error ? e.message : String(e)}`));
    void loadConfig();
    let stopped = false;
    const refresh = () =>
      fetchStats()
        .then((s) => {
          if (stopped) return;
          // The table follows the file; an open form edits the file as it was when the form opened.
          const again = editingNow.current.kind === 'none' ? readConfigAgain(fetchConfig, setConfig) : Promise.resolve();
          return again.then(() => !stopped && setStats(s));
        })
        .catch(() => !stopped && setStats(null))
        .finally(() => {
          if (!stopped) timer = window.setTimeout(refresh, REFRESH_MS);
        });
    let timer = window.setTimeout(refresh, 0);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, []);

  const rows = outputRows(config, stats);
  const notConfigured = notInFile(config, 'output');
  const saved = (message: string) => {
    setEditing({ kind: 'none' });
    setNotice(message);
    void loadConfig();
  };
  const open = (next: Editing) => {
    setNotice(null);
    // The form edits the file as it is now, not as it was when the page opened.
    void loadConfig().then(() => setEditing(next));
  };

  return (
    <div class="page outputs-page">
      <div class="toolbar">
        <button data-testid="add-output" onClick={() => open({ kind: 'new' })} disabled={types.length === 0}>
          Add output
        </button>
        <span class="count">
          {figuresText(stats, Date.now())}
        </span>
      </div>
      {problem && <div class="banner banner-error">{problem}</div>}
      {pluginProblems.map((p) => (
        <div key={p} class="banner banner-warn" data-testid="plugin-problem">
          Output plugin problem: {p}
        </div>
      ))}
      {config && !config.valid && config.error && <div class="banner banner-warn">The config file does not load: {config.error}</div>}
      {notice && (
        <div class="banner" data-testid="saved-notice">
          {notice}
        </div>
      )}
      <div class="scroll">
        <table class="grid" data-testid="outputs-table">
          <thead>
            <tr>
              <th>Output</th>
              <th>Type</th>
              <th>Streams</th>
              <th>Health</th>
              <th class="num">Delivered</th>
              <th class="num">Pending (lag)</th>
              <th class="num">Dead letters</th>
              <th class="num">Latency p50</th>
              <th class="num">p99</th>
              <th>Last error</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name} data-testid={`output-${r.name}`}>
                <td>{r.name}</td>
                <td title={r.type === null ? notConfigured.title : undefined}>{r.type ?? (notConfigured.mark && <em>{notConfigured.mark}</em>)}</td>
                <td>{r.streams.join(', ') || '–'}</td>
                <td>
                  <span class={`health health-${r.stats?.health ?? 'none'}`} data-testid={`health-${r.name}`}>
                    {r.stats?.health ?? 'not running'}
                  </span>
                  {r.stats?.catching_up && (
                    <span
                      class="health catching-up"
                      data-testid={`catching-up-${r.name}`}
                      title="It fell behind its streams and reads the stored events on its own; once it has caught up, it is read for with its streams again."
                    >
                      catching up
                    </span>
                  )}
                  {r.stats?.earlier_delivery_saved_at !== undefined && (
                    <span
                      class="health earlier-delivery"
                      data-testid={`earlier-${r.name}`}
                      title={`The last delivery did not run this output: these are the figures an earlier one saved at ${r.stats.earlier_delivery_saved_at}.`}
                    >
                      {earlierDeliveryText(r.stats.earlier_delivery_saved_at, Date.now())}
                    </span>
                  )}
                </td>
                <td class="num" data-testid={`delivered-${r.name}`}>{countText(r.stats?.delivered)}</td>
                <td class="num">{countText(r.stats?.pending_events)}</td>
                <td class="num">
                  {r.stats && r.stats.dead_lettered > 0 ? (
                    <a href={deadLettersHash({ output: r.name })}>{countText(r.stats.dead_lettered)}</a>
                  ) : (
                    countText(r.stats?.dead_lettered)
                  )}
                </td>
                <td class="num" data-testid={`p50-${r.name}`}>{latencyText(r.stats?.latency_seconds.p50 ?? null)}</td>
                <td class="num" data-testid={`p99-${r.name}`}>{latencyText(r.stats?.latency_seconds.p99 ?? null)}</td>
                <td class="error-text">{r.stats?.last_error ?? ''}</td>
                <td>
                  {r.type !== null && (
                    <button data-testid={`edit-${r.name}`} onClick={() => open({ kind: 'edit', name: r.name })}>
                      Edit
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={11} class="empty">
                  No outputs yet: add one to ship a stream's events somewhere.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {editing.kind !== 'none' && config && (
          <OutputForm key={editing.kind === 'edit' ? editing.name : '+'} types={types} config={config}
            name={editing.kind === 'edit' ? editing.name : undefined} onSaved={saved}
            onCancel={() => setEditing({ kind: 'none' })} />
        )}
      </div>
    </div>
  );
}
