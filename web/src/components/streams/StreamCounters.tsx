import type { OutputFigures, StreamFigures } from '../../api/streams';
import { earlierDeliveryText } from '../../logic/savedFigures';

function count(n: number | undefined): string {
  return n === undefined ? '–' : n.toLocaleString('en-US');
}

/**
 * A stream's counters since the command started, and what each of its outputs delivered (an
 * output's count covers every stream that feeds it); dashes where no pipeline has run it yet.
 */
export function StreamCounters(props: {
  name: string;
  figures: StreamFigures | undefined;
  outputs: string[];
  outputFigures: Record<string, OutputFigures> | null | undefined;
}) {
  const f = props.figures;
  const cell = (what: string, n: number | undefined, title: string) => (
    <span class={`counter counter-${what}`} data-testid={`${what}-${props.name}`} title={title}>
      <b>{count(n)}</b> {what}
    </span>
  );
  return (
    <span class="counters">
      {cell('matched', f?.matched, 'events the rule took')}
      {cell('records', f?.records,
        'records made for the outputs: one per matched event without a transform, what the transform returned with one')}
      {cell('dropped', f?.dropped, 'events the transform dropped')}
      {cell('failed', f?.failed, 'events the transform failed on, now in the dead letters')}
      {f?.earlier_delivery_saved_at !== undefined && (
        <span class="counter earlier-delivery" data-testid={`earlier-${props.name}`}
          title={`The last delivery did not run this stream: these are the figures an earlier one saved at ${f.earlier_delivery_saved_at}.`}>
          {earlierDeliveryText(f.earlier_delivery_saved_at, Date.now())}
        </span>
      )}
      {props.outputs.map((o) => {
        const out = props.outputFigures?.[o];
        return (
          <span key={o} class={`counter output output-${out?.health ?? 'none'}`} data-testid={`delivered-${props.name}-${o}`}
            title={out?.last_error ?? `output ${o}: ${out?.health ?? 'not running'}`}>
            → {o}: <b>{count(out?.delivered)}</b> delivered
          </span>
        );
      })}
    </span>
  );
}
