import type { Timing } from '../../api';
import { timingBars } from '../../logic/timing';

const pct = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

/** An exchange's phases as proportional bars; SVG attributes, since the CSP forbids style strings. */
export function TimingBars(props: { timing: Timing }) {
  const bars = timingBars(props.timing);
  return (
    <section>
      <h3>
        Timing <small>({props.timing.total_ms.toFixed(1)} ms)</small>
      </h3>
      <table class="timing" data-testid="timing">
        <tbody>
          {bars.map((b) => (
            <tr key={b.phase} data-phase={b.phase}>
              <th>{b.phase}</th>
              <td class="timing-bar">
                <svg width="100%" height="10" aria-hidden="true">
                  <rect class={`timing-${b.phase}`} x={pct(b.start)} y="0" width={pct(b.width)} height="10" />
                </svg>
              </td>
              <td class="timing-ms">{b.ms.toFixed(1)} ms</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
