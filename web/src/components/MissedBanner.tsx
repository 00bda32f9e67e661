/** Says that the feed dropped events for this page because it read too slowly, and which. */
export function MissedBanner(props: { missed: number; range: { fromSeq: number; toSeq: number } | null }) {
  if (props.missed === 0) return null;
  return (
    <div class="banner banner-warn" role="status" data-testid="missed">
      The live feed skipped {props.missed.toLocaleString('en')} events
      {props.range && ` (seq ${props.range.fromSeq}–${props.range.toSeq})`} because this page fell behind; they are
      stored and can be read from the events API.
    </div>
  );
}
