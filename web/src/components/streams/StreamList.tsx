import type { ConfigFile, Stats } from '../../api/streams';
import { notInFile } from '../../logic/notInFile';
import { streamRows } from '../../logic/streamRows';
import { Sparkline } from './Sparkline';
import { StreamCounters } from './StreamCounters';

/**
 * The config's streams with their counters and events per minute, each opening in the builder; then
 * those only the figures report, marked removed while the file loads, which have nothing to open.
 */
export function StreamList(props: { config: ConfigFile; stats: Stats | null }) {
  const { config, stats } = props;
  const notConfigured = notInFile(config, 'stream');
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
      {config.streams.length === 0 && <div class="empty">No streams yet. Make one with New stream, or from an event of the live page.</div>}
      <table class="streams">
        <tbody>
          {streamRows(config, stats).map(({ name, configured, outputs }) => (
            <tr key={name} data-testid={`stream-${name}`} class={configured ? undefined : 'removed'}>
              <th>
                {configured ? (
                  <a href={`#/streams/${encodeURIComponent(name)}`}>{name}</a>
                ) : (
                  <span title={notConfigured.title}>
                    {name} {notConfigured.mark && <em data-testid={`removed-${name}`}>{notConfigured.mark}</em>}
                  </span>
                )}
              </th>
              <td>
                <StreamCounters name={name} figures={stats?.streams?.[name]} outputs={outputs} outputFigures={stats?.outputs} />
              </td>
              <td>
                <Sparkline counts={stats?.per_minute.by_stream?.[name]} label={`${name}, events per minute`} />
              </td>
              <td>
                {configured && (
                  <a href={`#/transforms/${encodeURIComponent(name)}`} data-testid={`edit-transform-${name}`}>
                    Edit transform
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
