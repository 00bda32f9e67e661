import { useEffect, useMemo, useState } from 'preact/hooks';
import { saveConfig, tryConditions, type ConfigFile, type RuleSchema, type Stats } from '../../api/streams';
import { streamNameProblem, toConditions } from '../../logic/rules';
import { configWithStream, draftFromYaml, streamYaml, type StreamDraft } from '../../logic/streamYaml';
import { RuleBuilder } from './RuleBuilder';
import { StreamCounters } from './StreamCounters';

/** How many of the last stored events the match count covers. */
export const TRIED_EVENTS = 1000;
/** How long typing must pause before the match count is asked for again. */
const COUNT_DEBOUNCE_MS = 300;
/** The name conditions are tried under while the draft has no valid one: any valid name does. */
const TRY_NAME = 'draft';

type Count = { state: 'counting' } | { state: 'counted'; matched: number; of: number } | { state: 'error'; error: string };

function outputsOf(draft: StreamDraft): string[] {
  const { outputs, output } = draft.rest;
  const names = Array.isArray(outputs) ? outputs.filter((o): o is string => typeof o === 'string') : [];
  return typeof output === 'string' ? [output, ...names] : names;
}

function withOutputs(draft: StreamDraft, outputs: string[]): StreamDraft {
  const { output: _single, outputs: _list, ...rest } = draft.rest;
  return { ...draft, rest: outputs.length > 0 ? { ...rest, outputs } : rest };
}

/** How many of the last stored events the draft's conditions match, asked for again as they change. */
function useMatchCount(draft: StreamDraft): Count {
  const [count, setCount] = useState<Count>({ state: 'counting' });
  const rule = useMemo(() => toConditions(draft.root), [draft.root]);
  const key = JSON.stringify(rule);
  const name = streamNameProblem(draft.name) === null ? draft.name : TRY_NAME;
  useEffect(() => {
    if (rule.conditions.length === 0) {
      setCount({ state: 'error', error: 'add a condition' });
      return undefined;
    }
    setCount({ state: 'counting' });
    const abort = new AbortController();
    const timer = window.setTimeout(() => {
      tryConditions(name, rule, TRIED_EVENTS, abort.signal).then(
        (results) => setCount({ state: 'counted', matched: results.filter((r) => r.matched).length, of: results.length }),
        (e: unknown) => {
          if (!abort.signal.aborted) setCount({ state: 'error', error: e instanceof Error ? e.message : String(e) });
        },
      );
    }, COUNT_DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [key, name]);
  return count;
}

function MatchCount(props: { count: Count }) {
  const c = props.count;
  return (
    <div class={`match-count match-${c.state}`} data-testid="match-count" aria-live="polite">
      {c.state === 'counting' && 'Counting matches…'}
      {c.state === 'counted' &&
        (c.of === 0 ? 'No stored events to try the rule on yet' : `${c.matched.toLocaleString('en-US')} of the last ${c.of.toLocaleString('en-US')} events match`)}
      {c.state === 'error' && `Cannot count matches: ${c.error}`}
    </div>
  );
}

export interface StreamEditorProps {
  config: ConfigFile;
  schema: RuleSchema;
  stats: Stats | null;
  /** The saved stream's name, or null for a new stream. */
  original: string | null;
  initial: StreamDraft;
  /** After a save: the stream's name, and what the running pipeline did. */
  onSaved(name: string, message: string): void;
}

/** One stream's name, outputs and rule, in the builder or as YAML, with its match count, saved to the config file. */
export function StreamEditor(props: StreamEditorProps) {
  const [draft, setDraft] = useState<StreamDraft>(props.initial);
  const [view, setView] = useState<'builder' | 'yaml'>('builder');
  const [yamlText, setYamlText] = useState('');
  const [yamlError, setYamlError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const count = useMatchCount(draft);
  const nameProblem = streamNameProblem(draft.name);
  const outputs = outputsOf(draft);
  const configOutputs = Object.keys(props.config.outputs ?? {});

  const edit = (next: StreamDraft) => {
    setDraft(next);
    setSaveError(null); // it was about the draft as it was
  };

  const showYaml = () => {
    setYamlText(streamYaml(draft));
    setYamlError(null);
    setView('yaml');
  };

  const editYaml = (text: string) => {
    setYamlText(text);
    try {
      edit(draftFromYaml(text));
      setYamlError(null);
    } catch (e) {
      setYamlError(e instanceof Error ? e.message : String(e));
    }
  };

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const text = configWithStream(props.config.exists ? props.config.yaml : null, props.original, draft);
      const answer = await saveConfig(text, props.config.version);
      props.onSaved(draft.name, `Saved to ${answer.file}: ${answer.reload.message}`);
    } catch (e) {
      setSaveError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="stream-editor" data-testid="stream-editor">
      <div class="editor-bar">
        <a href="#/streams">Streams</a> ›
        <input class="stream-name" data-testid="stream-name" aria-label="Stream name" value={draft.name}
          onInput={(e) => edit({ ...draft, name: e.currentTarget.value })} />
        {props.original && (
          <a class="transform-link" href={`#/transforms/${encodeURIComponent(props.original)}`} data-testid="edit-transform">
            Edit transform
          </a>
        )}
        <span class="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={view === 'builder'} data-testid="view-builder"
            disabled={yamlError !== null} onClick={() => setView('builder')}>
            Builder
          </button>
          <button type="button" role="tab" aria-selected={view === 'yaml'} data-testid="view-yaml" onClick={showYaml}>
            YAML
          </button>
        </span>
        <button type="button" class="primary" data-testid="save" disabled={saving || nameProblem !== null || yamlError !== null}
          onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
      {nameProblem && <div class="banner banner-warn">{nameProblem}</div>}
      {saveError && (
        <div class="banner banner-error" role="alert" data-testid="save-error">
          Not saved: {saveError}
        </div>
      )}
      {props.original && (
        <div class="editor-figures">
          <StreamCounters name={props.original} figures={props.stats?.streams?.[props.original]}
            outputs={outputsOf(props.initial)} outputFigures={props.stats?.outputs} />
        </div>
      )}
      <MatchCount count={count} />
      <div class="editor-outputs">
        Outputs:
        {configOutputs.length === 0 && <span class="hint"> none defined in {props.config.file}; the stream only counts</span>}
        {configOutputs.map((o) => (
          <label key={o}>
            <input type="checkbox" data-testid={`output-${o}`} checked={outputs.includes(o)}
              onChange={(e) => edit(withOutputs(draft, e.currentTarget.checked ? [...outputs, o] : outputs.filter((x) => x !== o)))} />
            {o}
          </label>
        ))}
      </div>
      {view === 'builder' ? (
        <RuleBuilder root={draft.root} schema={props.schema} onChange={(root) => edit({ ...draft, root })} />
      ) : (
        <div class="yaml-view">
          <textarea data-testid="yaml" spellcheck={false} value={yamlText} rows={16}
            onInput={(e) => editYaml(e.currentTarget.value)} />
          {yamlError && (
            <div class="banner banner-error" data-testid="yaml-error">
              {yamlError}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
