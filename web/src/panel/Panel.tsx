import { useState } from 'preact/hooks';
import { useHarDownload } from '../components/useHarDownload';
import { formatSize, formatStatus, formatTime } from '../logic/rows';
import { newStreamFromEventHref } from '../logic/streamLinks';
import { PanelApi } from './client';
import { useCaptureTabId, usePairing, useShownTab } from './hooks';
import { dashboardLink, type Pairing, parseDashboardUrl } from './pairing';
import { savePairing } from './storage';
import { tabFromQuery } from './tabs';
import { useTabFeed } from './useTabFeed';

/** The side panel: the live events DataSipper captured from the tab the user is on. */
export function Panel() {
  const [pairing, setPairing] = usePairing();
  const [repairing, setRepairing] = useState(false);
  const tab = useShownTab(tabFromQuery(location.search));
  const target = useCaptureTabId(tab?.id ?? null);

  if (pairing === undefined) return <p class="note">Reading the pairing…</p>;
  if (pairing === null || repairing) {
    return (
      <PairForm
        onPaired={(p) => {
          setRepairing(false);
          setPairing(p);
        }}
      />
    );
  }
  return (
    <div class="panel">
      <header>
        <h1>DataSipper</h1>
        <span class="tab-title" data-testid="panel-tab" title={tab?.url}>
          {tab ? tab.title || tab.url : 'no tab'}
        </span>
      </header>
      {tab === null ? (
        <p class="note">No tab to show.</p>
      ) : target === null ? (
        <p class="note">This tab is not in the browser's target list yet.</p>
      ) : (
        <TabTraffic key={`${pairing.server} ${target}`} pairing={pairing} tab={target} onRepair={() => setRepairing(true)} />
      )}
      <footer>
        <span>paired with {pairing.server}</span>
        <button type="button" class="link" onClick={() => setRepairing(true)}>
          pair again
        </button>
      </footer>
    </div>
  );
}

function open(pairing: Pairing, fragment: string) {
  void chrome.tabs.create({ url: dashboardLink(pairing, fragment) });
}

function TabTraffic({ pairing, tab, onRepair }: { pairing: Pairing; tab: string; onRepair(): void }) {
  const { snapshot, problem, refused } = useTabFeed(pairing, tab);
  const har = useHarDownload();
  const downloadHar = () => har.download(snapshot.rows.map((row) => row.seq), (seqs) => new PanelApi(pairing).har(seqs));
  return (
    <main>
      <section class="summary">
        <span>
          <b data-testid="panel-count">{snapshot.count}</b> events
        </span>
        <span data-testid="panel-bytes">{formatSize(snapshot.bytes)}</span>
        <button type="button" class="link download" data-testid="panel-download-har" title="The events listed, as a HAR file"
          disabled={snapshot.rows.length === 0 || har.downloading} onClick={downloadHar}>
          {har.downloading ? 'preparing HAR…' : 'download HAR'}
        </button>
      </section>
      {har.note && (
        <p class="note" role="status" data-testid="panel-har-note">
          {har.note}
        </p>
      )}
      {snapshot.streams.size > 0 && (
        <section class="streams" aria-label="streams">
          {[...snapshot.streams].map(([name, taken]) => (
            <span key={name} class="badge" data-testid="panel-stream">
              {name} <b>{taken}</b>
            </span>
          ))}
        </section>
      )}
      {problem && (
        <div class="problem" role="alert">
          {problem}
          {refused && (
            <button type="button" class="link" onClick={onRepair}>
              paste the new dashboard URL
            </button>
          )}
        </div>
      )}
      <ul class="events">
        {snapshot.rows.map((row) => (
          <li key={row.seq} data-testid="panel-event" data-seq={row.seq}>
            <button type="button" class="event" title="Open in the dashboard" onClick={() => open(pairing, `/live/${row.seq}`)}>
              <span class="time">{formatTime(row.time)}</span>
              <span class="type">{row.type}</span>
              <span class="method">{row.method}</span>
              <span class="status">{formatStatus(row.status)}</span>
              <span class="path" title={`${row.host}${row.path}`}>
                {row.path}
              </span>
              <span class="size">{formatSize(row.size)}</span>
              {row.streams.map((name) => (
                <span key={name} class="badge">
                  {name}
                </span>
              ))}
            </button>
            {row.type === 'http' && (
              <button type="button" class="new-stream" title="New stream from this request"
                onClick={() => open(pairing, newStreamFromEventHref(row.seq).slice(1))}>
                + stream
              </button>
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}

function PairForm({ onPaired }: { onPaired(p: Pairing): void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const pair = (e: Event) => {
    e.preventDefault();
    try {
      const pairing = parseDashboardUrl(text);
      void savePairing(pairing).then(() => onPaired(pairing));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form class="pair" onSubmit={pair}>
      <h1>DataSipper</h1>
      <label for="dashboard-url">Paste the dashboard URL DataSipper printed at start:</label>
      <input id="dashboard-url" data-testid="pair-url" type="url" placeholder="http://127.0.0.1:7341/?token=…"
        value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      <button type="submit" data-testid="pair">
        Pair
      </button>
      {error && (
        <p class="problem" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
