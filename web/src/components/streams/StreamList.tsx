import type { ConfigFile, Stats } from '../../api/streams';
import { Sparkline } from './Sparkline';
import { StreamCounters } from './StreamCounters';

function outputsOf(entry: Record<string, unknown>): string[] {
  const list = Array.isArray(entry.outputs) ? entry.outputs.map(String) : [];
  return typeof entry.output === 'string' ? [entry.output, ...list] : list;
}

/** The config's streams with their counters and events per minute, each opening in the builder. */
export function StreamList(props: { config: ConfigFile; stats: Stats | null }) {
  const { config, stats } = props;
  const names = config.streams.map((s) => String(s.name));
  return (
    <section class="stream-list">
      <div class="editor-bar">
        <h2>Streams</h2>
        <span class="hint">{config.file}</span>
        <a class="button primary" href="#/streams/+new" data-testid="new-stream">
          New stream
        </a>
      </div>
      {!config.valid && config.error && <div class="banner banner-error">The config file does not load: {config.error}</div>}
      {stats && stats.streams === null && (
        <div class="banner banner-warn">No pipeline runs here: the counters move while a command delivers (serve --deliver, sip).</div>
      )}
      {names.length === 0 && <div class="empty">No streams yet. Make one with New stream, or from an event of the live page.</div>}
      <table class="streams">
        <tbody>
          {config.streams.map((entry) => {
            const name = String(entry.name);
            return (
              <tr key={name} data-testid={`stream-${name}`}>
                <th>
                  <a href={`#/streams/${encodeURIComponent(name)}`}>{name}</a>
                </th>
                <td>
                  <StreamCounters name={name} figures={stats?.streams?.[name]} outputs={outputsOf(entry)} outputFigures={stats?.outputs} />
                </td>
                <td>
                  <Sparkline counts={stats?.per_minute.by_stream?.[name]} label={`${name}, events per minute`} />
                </td>
                <td>
                  <a href={`#/transforms/${encodeURIComponent(name)}`} data-testid={`edit-transform-${name}`}>
                    Edit transform
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
