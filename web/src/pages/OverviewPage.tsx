import { useEffect, useMemo, useState } from 'preact/hooks';
import { fetchStats, type StatsReport } from '../api/stats';
import { MinuteChart } from '../components/MinuteChart';
import { formatBytes, formatCount, minuteSeries } from '../logic/series';

/** How often the figures are read again: the charts count by the minute, the totals move faster. */
export const REFRESH_MS = 5_000;

/**
 * The run at a glance: events per minute by type and by stream over the last hour, the totals,
 * the store's size, the server's memory, and whether the capture still reads its browser.
 */
export function OverviewPage() {
  const [stats, setStats] = useState<StatsReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let timer: number | undefined;
    let stopped = false;
    const read = () => {
      fetchStats()
        .then((s) => {
          if (stopped) return;
          setStats(s);
          setProblem(null);
        })
        .catch((e: unknown) => !stopped && setProblem(`could not read the figures: ${String(e instanceof Error ? e.message : e)}`))
        // The next read is timed from the end of this one: a slow server is not asked twice at once.
        .finally(() => {
          if (!stopped) timer = window.setTimeout(read, REFRESH_MS);
        });
    };
    read();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, []);

  return (
    <div class="page overview">
      {problem && <div class="banner banner-error" role="alert">{problem}</div>}
      {stats ? <Overview stats={stats} /> : !problem && <div class="loading">Reading the figures…</div>}
    </div>
  );
}

function Overview({ stats }: { stats: StatsReport }) {
  const byType = useMemo(() => minuteSeries(stats.per_minute.first_minute, stats.per_minute.by_type), [stats]);
  const byStream = useMemo(() => minuteSeries(stats.per_minute.first_minute, stats.per_minute.by_stream), [stats]);
  return (
    <div class="overview-body">
      <div class="figures">
        <Figure label="Captured" value={formatCount(stats.totals.captured)} testid="captured" />
        <Figure label="Stored" value={formatCount(stats.totals.stored)} testid="stored" />
        <Figure label="Dropped" value={formatCount(stats.totals.dropped)} testid="dropped" />
        <Figure label="Delivered" value={formatCount(stats.totals.delivered)} testid="delivered" />
        <Figure label="Dead letters" value={formatCount(stats.totals.dead_lettered)} testid="dead-lettered" />
        <Figure label="Database" value={formatBytes(stats.db_size_bytes)} testid="db-size" />
        <Figure label="Server heap" value={heap(stats.jvm_heap)} testid="heap" />
        <Figure label="Browser" value={capture(stats.capture)} testid="capture" />
      </div>
      <MinuteChart title="Events per minute by type" series={byType} testid="chart-by-type"
        empty={stats.per_minute.by_type === null ? 'This process captures nothing (serve).' : 'No events in the last hour.'} />
      <MinuteChart title="Events per minute by stream" series={byStream} testid="chart-by-stream"
        empty={stats.per_minute.by_stream === null ? 'No pipeline runs in this process.' : 'No stream took an event in the last hour.'} />
      <p class="muted">Figures as of {new Date(stats.at).toLocaleTimeString()}, read every {REFRESH_MS / 1000} s.</p>
    </div>
  );
}

function Figure(props: { label: string; value: string; testid: string }) {
  return (
    <div class="figure">
      <div class="figure-label">{props.label}</div>
      <div class="figure-value" data-testid={`figure-${props.testid}`}>{props.value}</div>
    </div>
  );
}

function heap(h: StatsReport['jvm_heap']): string {
  return `${formatBytes(h.used_bytes)} of ${formatBytes(h.max_bytes ?? h.committed_bytes)}`;
}

function capture(c: StatsReport['capture']): string {
  if (c === null) return 'not capturing';
  if (!c.attached) return 'detached';
  return `attached, ${c.tabs} ${c.tabs === 1 ? 'tab' : 'tabs'}`;
}
