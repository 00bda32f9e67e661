import { EVENT_TYPES, type EventType } from '../api';
import type { RowFilter } from '../logic/filter';

export interface ToolbarProps {
  filter: RowFilter;
  onFilter(filter: RowFilter): void;
  paused: boolean;
  arrivedWhilePaused: number;
  onPause(paused: boolean): void;
  onClear(): void;
  shown: number;
  kept: number;
}

/** Pause, clear, the type filter and the free-text filter of the live table. */
export function Toolbar(props: ToolbarProps) {
  const { filter } = props;
  const type = filter.types.size === 1 ? [...filter.types][0] : '';
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
      <input
        type="search"
        data-testid="text-filter"
        placeholder="Filter: words in method, status, URL…"
        value={filter.text}
        onInput={(e) => props.onFilter({ ...filter, text: (e.currentTarget as HTMLInputElement).value })}
      />
      <span class="count" data-testid="count">
        {props.shown === props.kept
          ? `${props.kept.toLocaleString('en')} events`
          : `${props.shown.toLocaleString('en')} of ${props.kept.toLocaleString('en')} events`}
      </span>
    </div>
  );
}
