import { useEffect, useRef, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { lineTotals, type MinuteSeries, sameLines } from '../logic/series';

const HEIGHT = 220;
const COLOURS = ['#2f6fde', '#e8702a', '#2a9d5c', '#c0392b', '#8e44ad', '#b8860b', '#16a2b8', '#7f8c8d'];

/**
 * uPlot and its stylesheet are loaded the first time a chart is drawn, not with the dashboard:
 * the live events, the page most opened, do not wait for them.
 */
let loading: Promise<typeof uPlot> | null = null;
function loadUPlot(): Promise<typeof uPlot> {
  loading ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([m]) => m.default);
  return loading;
}

function options(series: MinuteSeries, width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    scales: { x: { time: true } },
    series: [{}, ...series.lines.map((l, i) => ({
      label: l.name,
      stroke: COLOURS[i % COLOURS.length],
      width: 1.5,
      points: { show: false },
    }))],
    axes: [{}, { label: 'events / minute', size: 60 }],
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
  };
}

function data(series: MinuteSeries): uPlot.AlignedData {
  return [series.minutes, ...series.lines.map((l) => l.counts)];
}

/**
 * Events per minute over the last hour, a line per name. New counts replace the old in place
 * (uPlot's setData, a few hundred numbers); the chart is rebuilt only when its lines change.
 */
export function MinuteChart(props: { title: string; series: MinuteSeries; empty: string; testid: string }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<{ chart: uPlot; series: MinuteSeries } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { series } = props;

  useEffect(() => {
    let current = true;
    if (series.lines.length === 0) {
      plot.current?.chart.destroy();
      plot.current = null;
      return;
    }
    loadUPlot()
      .then((UPlot) => {
        const el = host.current;
        if (!current || !el) return;
        if (plot.current && sameLines(plot.current.series, series)) {
          plot.current.chart.setData(data(series));
          plot.current.series = series;
          return;
        }
        plot.current?.chart.destroy();
        plot.current = { chart: new UPlot(options(series, el.clientWidth || 600), data(series), el), series };
      })
      .catch((e: unknown) => setFailure(`the chart could not be drawn: ${String(e instanceof Error ? e.message : e)}`));
    return () => {
      current = false;
    };
  }, [series]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const resize = new ResizeObserver(() => {
      if (plot.current && el.clientWidth > 0) plot.current.chart.setSize({ width: el.clientWidth, height: HEIGHT });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.chart.destroy();
      plot.current = null;
    };
  }, []);

  const totals = lineTotals(series);
  return (
    <section class="chart" data-testid={props.testid}>
      <h2>{props.title}</h2>
      {failure && <div class="banner banner-error">{failure}</div>}
      {series.lines.length === 0 && <div class="empty">{props.empty}</div>}
      <div class="chart-plot" ref={host} hidden={series.lines.length === 0} />
      <ul class="chart-totals" aria-label={`${props.title}: totals over the hour`}>
        {series.lines.map((l, i) => (
          <li key={l.name} data-name={l.name}>
            <span class="swatch" style={{ background: COLOURS[i % COLOURS.length] }} />
            {l.name}: <b>{totals[l.name].toLocaleString('en-US')}</b>
          </li>
        ))}
      </ul>
    </section>
  );
}
