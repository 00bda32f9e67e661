import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatDuration, formatSize, formatStatus, formatTime, type Row } from '../logic/rows';
import { rowSlots, visibleWindow } from '../logic/window';

/** Must match .row's height in style.css: the window is computed from it. */
const ROW_HEIGHT = 24;
/** Rows drawn above the view of a table that follows new rows (a scrolled one draws visibleWindow's default). */
const FOLLOWING_OVERSCAN = 2;

export interface LiveTableProps {
  rows: readonly Row[];
  selected: number | null;
  onSelect(seq: number): void;
}

function statusClass(status: number): string {
  if (status >= 500) return 'status-5xx';
  if (status >= 400) return 'status-4xx';
  if (status >= 300) return 'status-3xx';
  return '';
}

/**
 * The live events, newest at the bottom. Only the rows in view are in the DOM (10,000 rows would
 * be 90,000 cells); the view follows new rows while it is scrolled to the bottom, and stays put
 * when the user has scrolled up to read.
 */
export function LiveTable(props: LiveTableProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const spacer = useRef<HTMLDivElement>(null);
  const block = useRef<HTMLDivElement>(null);
  // Where the user scrolled to; while the view follows new rows it is at the bottom instead.
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);
  const following = useRef(true);

  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const measure = () => setViewHeight(el.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const height = props.rows.length * ROW_HEIGHT;
  const bottom = Math.max(0, height - viewHeight);
  // A view that follows is drawn at the bottom in the same redraw that adds the rows: scrolling
  // there first and drawing the rows in view after took every redraw two renders and two layouts.
  // It draws few rows beyond the view: they are there for a scroll, and while events pour in each
  // redraw replaces every row anyway, so each one drawn is laid out and painted for nothing.
  const { first, end } = following.current
    ? visibleWindow(props.rows.length, ROW_HEIGHT, bottom, viewHeight, FOLLOWING_OVERSCAN)
    : visibleWindow(props.rows.length, ROW_HEIGHT, scrollTop, viewHeight);

  // Sizes and offsets are set from script (CSP allows no inline style attribute, but does allow
  // CSSOM), computed from the row count and the measured viewport, never read back from the DOM.
  // The drawn rows sit in one block placed at the first one's offset, and each keeps its place in
  // the block from one redraw to the next: as 100 new events push every row up by 100, the rows'
  // elements stay and only their text changes. Keyed by seq, every redraw at 1,000 events/s
  // removed and rebuilt all the rows in view and placed each one, which the browser then had to
  // style and lay out anew. Setting the scroll lays the page out at once: it waits for the start
  // of the next frame, so that the layout is that frame's own, once, with all of this redraw's
  // changes, and not a part of the redraw's task.
  useLayoutEffect(() => {
    if (spacer.current) spacer.current.style.height = `${height}px`;
    if (block.current) block.current.style.top = `${first * ROW_HEIGHT}px`;
    if (!following.current) return;
    const frame = requestAnimationFrame(() => {
      if (viewport.current && following.current) viewport.current.scrollTop = bottom;
    });
    return () => cancelAnimationFrame(frame);
  }, [height, first, bottom]);

  const onScroll = () => {
    const el = viewport.current;
    if (!el) return;
    const top = el.scrollTop;
    const wasFollowing = following.current;
    following.current = top + viewHeight >= height - ROW_HEIGHT;
    // The table's own scroll to the bottom, or the user's within the last row, changes no row in view.
    if (!(wasFollowing && following.current)) setScrollTop(top);
  };

  const drawn = [];
  for (let i = first; i < end; i++) {
    const row = props.rows[i];
    drawn.push(
      rowLine(i - first, row, row.seq === props.selected, () => props.onSelect(row.seq)),
    );
  }
  // A table that follows keeps a full view of row elements from its first draw: the first burst of
  // events then changes their text, as every later redraw does, instead of creating, styling and
  // laying out a view of new rows in one task while the whole machine is busiest.
  if (following.current) {
    const slots = rowSlots(ROW_HEIGHT, viewHeight, FOLLOWING_OVERSCAN);
    for (let k = drawn.length; k < slots; k++) drawn.push(rowLine(k, null, false));
  }

  return (
    <div class="table">
      <div class="row head">
        <span class="c-time">Time</span>
        <span class="c-type">Type</span>
        <span class="c-method">Method</span>
        <span class="c-status">Status</span>
        <span class="c-host">Host</span>
        <span class="c-path">Path</span>
        <span class="c-size">Size</span>
        <span class="c-duration">Duration</span>
        <span class="c-streams">Streams</span>
      </div>
      <div class="viewport" ref={viewport} onScroll={onScroll} data-testid="rows">
        <div class="spacer" ref={spacer}>
          <div class="rows-block" ref={block}>
            {drawn}
          </div>
        </div>
        {props.rows.length === 0 && <div class="empty">No events yet: browse in the captured browser.</div>}
      </div>
    </div>
  );
}

/**
 * One row of the table, keyed by its place in the drawn block; a slot ({@code row} null, hidden)
 * has the same elements, empty, so that a row fills it in place.
 */
function rowLine(key: number, row: Row | null, selected: boolean, onSelect?: () => void) {
  return (
    <div
      key={key}
      class={row === null ? 'row slot' : `row${selected ? ' selected' : ''}`}
      data-seq={row?.seq}
      onClick={onSelect}
    >
      <span class="c-time">{row ? formatTime(row.time) : ''}</span>
      <span class={row ? `c-type type-${row.type}` : 'c-type'}>{row?.type ?? ''}</span>
      <span class="c-method">{row?.method ?? ''}</span>
      <span class={row ? `c-status ${statusClass(row.status)}` : 'c-status'}>{row ? formatStatus(row.status) : ''}</span>
      <span class="c-host" title={row?.host}>
        {row?.host ?? ''}
      </span>
      <span class="c-path" title={row?.path}>
        {row?.path ?? ''}
      </span>
      <span class="c-size">{row ? formatSize(row.size) : ''}</span>
      <span class="c-duration">{row ? formatDuration(row.durationMs) : ''}</span>
      <span class="c-streams" data-testid={row ? 'row-streams' : undefined}>
        {(row?.streams ?? []).map((name) => (
          <span class="stream-badge" key={name}>
            {name}
          </span>
        ))}
      </span>
    </div>
  );
}
