import { EVENT_TYPES, type EventType } from '../api';
import { NO_STREAM, type RowFilter } from '../logic/filter';
import { tabLabels } from '../logic/tabLabels';

export interface ToolbarProps {
  filter: RowFilter;
  onFilter(filter: RowFilter): void;
  paused: boolean;
  arrivedWhilePaused: number;
  onPause(paused: boolean): void;
  onClear(): void;
  shown: number;
  kept: number;
  /** The streams that took the events seen: the stream filter's choices. */
  streams: readonly string[];
  /** The tabs the events seen came from: the tab filter's choices. */
  tabs: readonly string[];
  /** Saves the events shown as a HAR file. */
  onDownloadHar(): void;
  /** Whether a HAR file is being made. */
  downloadingHar: boolean;
}

/** The choices of a filter: those seen, and the one chosen even when no row has it any more (after a clear). */
function choices(seen: readonly string[], chosen: string): readonly string[] {
  return chosen === '' || seen.includes(chosen) ? seen : [...seen, chosen];
}

/** Pause, clear, the type, stream and tab filters and the free-text filter of the live table, and its HAR download. */
export function Toolbar(props: ToolbarProps) {
  const { filter } = props;
  const type = filter.types.size === 1 ? [...filter.types][0] : '';
  const tabs = choices(props.tabs, filter.tab);
  const labels = tabLabels(tabs);
  return (
    <div class="toolbar">
      <button type="button" data-testid="pause" onClick={() => props.onPause(!props.paused)}>
        {props.paused ? `Resume${props.arrivedWhilePaused > 0 ? ` (${props.arrivedWhilePaused} new)` : ''}` : 'Pause'}
      </button>
      <button type="button" data-testid="clear" onClick={props.onClear}>
        Clear
      </button>
      <label>
        Type{' '}
        <select
          data-testid="type-filter"
          value={type}
          onChange={(e) => {
            const value = (e.currentTarget as HTMLSelectElement).value;
            props.onFilter({ ...filter, types: value ? new Set([value as EventType]) : new Set() });
          }}
        >
          <option value="">all</option>
          {EVENT_TYPES.map((t) => (
            <option value={t} key={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label>
        Stream{' '}
        <select
          data-testid="stream-filter"
          value={filter.stream}
          onChange={(e) => props.onFilter({ ...filter, stream: (e.currentTarget as HTMLSelectElement).value })}
        >
          <option value="">all</option>
          <option value={NO_STREAM}>no stream</option>
          {choices(props.streams, filter.stream === NO_STREAM ? '' : filter.stream).map((name) => (
            <option value={name} key={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tab{' '}
        <select
          data-testid="tab-filter"
          value={filter.tab}
          onChange={(e) => props.onFilter({ ...filter, tab: (e.currentTarget as HTMLSelectElement).value })}
        >
          <option value="">all</option>
          {tabs.map((id) => (
            <option value={id} key={id} title={id}>
              {labels.get(id)}
            </option>
          ))}
        </select>
      </label>
      <input
        type="search"
        data-testid="text-filter"
        placeholder="Filter: words, or fields: host:api status:>=400 method:post type:ws size:>10k…"
        value={filter.text}
        onInput={(e) => props.onFilter({ ...filter, text: (e.currentTarget as HTMLInputElement).value })}
      />
      <button
        type="button"
        data-testid="download-har"
        title="The events shown, as a HAR file: HTTP exchanges, WebSocket connections with their messages, SSE messages"
        disabled={props.shown === 0 || props.downloadingHar}
        onClick={props.onDownloadHar}
      >
        {props.downloadingHar ? 'Preparing HAR…' : 'Download HAR'}
      </button>
      <span class="count" data-testid="count">
        {props.shown === props.kept
          ? `${props.kept.toLocaleString('en')} events`
          : `${props.shown.toLocaleString('en')} of ${props.kept.toLocaleString('en')} events`}
      </span>
    </div>
  );
}
