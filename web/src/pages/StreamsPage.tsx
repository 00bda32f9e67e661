import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchEvent } from '../api';
import { fetchConfig, fetchRuleSchema, fetchStats, type ConfigFile, type RuleSchema, type Stats } from '../api/streams';
import { StreamEditor } from '../components/streams/StreamEditor';
import { StreamList } from '../components/streams/StreamList';
import { readConfigAgain } from '../logic/followConfig';
import { nameFromEvent, ruleFromEvent } from '../logic/prefill';
import { emptyComparison } from '../logic/rules';
import { pageArgument } from '../logic/route';
import { eventOfNewStream, NEW_STREAM, streamHref } from '../logic/streamLinks';
import { draftOf, type StreamDraft } from '../logic/streamYaml';

/** How often the counters are read again. */
const STATS_EVERY_MS = 2000;

function useArgument(): string {
  const [argument, setArgument] = useState(() => pageArgument(location.hash));
  useEffect(() => {
    const follow = () => setArgument(pageArgument(location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return decodeURIComponent(argument);
}

/**
 * The figures, read every {@link STATS_EVERY_MS}; after each read that succeeded, `then` runs
 * and the figures show once it is done.
 */
function useStats(then: () => Promise<void>): Stats | null {
  const [stats, setStats] = useState<Stats | null>(null);
  const after = useRef(then);
  after.current = then;
  useEffect(() => {
    let current = true;
    const read = () =>
      fetchStats().then(
        async (s) => {
          if (!current) return;
          await after.current();
          if (current) setStats(s);
        },
        () => undefined,
      );
    void read();
    const timer = window.setInterval(read, STATS_EVERY_MS);
    return () => {
      current = false;
      window.clearInterval(timer);
    };
  }, []);
  return stats;
}

/** The draft the argument asks for: a saved stream, a new one, or a new one from an event. */
async function draftFor(argument: string, config: ConfigFile): Promise<StreamDraft> {
  const names = config.streams.map((s) => String(s.name));
  if (argument.startsWith(NEW_STREAM)) {
    const seq = eventOfNewStream(argument);
    if (seq !== null) {
      const event = await fetchEvent(seq);
      return { name: nameFromEvent(event, names), root: ruleFromEvent(event), rest: {} };
    }
    return { name: '', root: { kind: 'group', logic: 'AND', children: [emptyComparison()] }, rest: {} };
  }
  const entry = config.streams.find((s) => s.name === argument);
  if (!entry) throw new Error(`${config.file} has no stream named "${argument}"; streams: ${names.join(', ') || 'none'}`);
  return draftOf(entry);
}

/** #/streams: the streams with their counters; #/streams/<name>: one in the rule builder. */
export function StreamsPage() {
  const argument = useArgument();
  const [config, setConfig] = useState<ConfigFile | null>(null);
  // The list follows the file; the builder edits the stream as it was opened, and its save says if
  // the file changed meanwhile.
  const stats = useStats(() => (argument === '' ? readConfigAgain(fetchConfig, setConfig) : Promise.resolve()));
  const [schema, setSchema] = useState<RuleSchema | null>(null);
  const [draft, setDraft] = useState<{ argument: string; draft: StreamDraft } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loads, setLoads] = useState(0);
  const [saved, setSaved] = useState<{ argument: string; message: string } | null>(null);

  useEffect(() => {
    fetchRuleSchema().then(setSchema, (e: unknown) => setProblem(`could not read the rule language: ${String(e)}`));
  }, []);

  useEffect(() => {
    let current = true;
    setProblem(null);
    fetchConfig()
      .then(async (c) => {
        if (!current) return;
        setConfig(c);
        const d = argument === '' ? null : await draftFor(argument, c);
        if (current) setDraft(d && { argument, draft: d });
      })
      .catch((e: unknown) => current && setProblem(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [argument, loads]);

  return (
    <div class="page streams-page">
      {problem && (
        <div class="banner banner-error" role="alert">
          {problem}
        </div>
      )}
      {saved?.argument === argument && (
        <div class="banner banner-ok" data-testid="saved">
          {saved.message}
        </div>
      )}
      {config && argument === '' && <StreamList config={config} stats={stats} />}
      {config && schema && argument !== '' && draft?.argument === argument && (
        <StreamEditor key={`${argument}@${config.version}`} config={config} schema={schema} stats={stats}
          original={argument.startsWith(NEW_STREAM) ? null : argument} initial={draft.draft}
          onSaved={(name, message) => {
            setSaved({ argument: name, message });
            if (streamHref(name) === location.hash) setLoads((n) => n + 1);
            else location.hash = streamHref(name);
          }} />
      )}
    </div>
  );
}
