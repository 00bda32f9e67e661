/** A stream's events per minute over the last hour, as a small line: the shape, not the figures. */
export function Sparkline(props: { counts: number[] | undefined; label: string }) {
  const counts = props.counts ?? [];
  const width = 120;
  const height = 24;
  if (counts.length < 2) return <svg class="sparkline" width={width} height={height} aria-label={props.label} />;
  const max = Math.max(1, ...counts);
  const step = width / (counts.length - 1);
  const points = counts.map((c, i) => `${(i * step).toFixed(1)},${(height - 1 - (c / max) * (height - 2)).toFixed(1)}`).join(' ');
  const last = counts[counts.length - 1];
  return (
    <svg class="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img"
      aria-label={`${props.label}: ${last} this minute, at most ${max} a minute in the last hour`}>
      <polyline points={points} />
    </svg>
  );
}
