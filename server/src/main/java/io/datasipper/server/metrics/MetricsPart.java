package io.datasipper.server.metrics;

import io.datasipper.server.ServerPart;
import io.datasipper.store.UncheckedStoreException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics} (Prometheus text format: the JVM's and the process's metrics, and
 * DataSipper's) and {@code GET /api/stats} (the same figures and more as JSON, for the dashboard).
 * Close it when the server stops: it holds a sampling thread and the JVM's GC listeners.
 */
public final class MetricsPart implements ServerPart, AutoCloseable {
  /** The Prometheus text exposition format, version 0.0.4: what every Prometheus scrapes. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  /** How often the streams' totals are sampled into their per-minute series. */
  private static final long SAMPLE_SECONDS = 5;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final DataSipperMeters meters;
  private final StatsReport report;
  private final InstantSource clock;
  private final ScheduledExecutorService sampler;

  public MetricsPart(MetricsSources sources) {
    this(sources, InstantSource.system());
  }

  /** With the clock that says which minute the streams' events count in. */
  MetricsPart(MetricsSources sources, InstantSource clock) {
    this.clock = clock;
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    meters = new DataSipperMeters(registry, sources);
    StreamMinutes minutes = null;
    if (sources.pipeline() != null) {
      registry.getPrometheusRegistry().register(new DeliveryLatencyCollector(sources.pipeline()));
      minutes = new StreamMinutes(sources.pipeline(), clock);
      sampler = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("datasipper-stats-minutes").daemon().factory());
      sampler.scheduleAtFixedRate(minutes::sample, SAMPLE_SECONDS, SAMPLE_SECONDS, TimeUnit.SECONDS);
    } else {
      sampler = null;
    }
    report = new StatsReport(sources, minutes);
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/metrics", this::metrics);
    routes.get("/api/stats", this::stats);
  }

  private void metrics(Context ctx) {
    try {
      meters.refresh();
    } catch (UncheckedStoreException | IllegalStateException e) {
      unavailable(ctx, e);
      return;
    }
    ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape());
  }

  private void stats(Context ctx) {
    String body;
    try {
      body = report.build(clock.millis()).toString();
    } catch (UncheckedStoreException | IllegalStateException e) {
      unavailable(ctx, e);
      return;
    }
    ctx.contentType("application/json").result(body);
  }

  /**
   * The store cannot be read (closed as the command ends, or failing): 503, with the store's own
   * message, which names the file and why.
   */
  private static void unavailable(Context ctx, RuntimeException e) {
    ctx.status(503).json(Map.of("error", e.getMessage()));
  }

  @Override
  public void close() {
    if (sampler != null) {
      sampler.shutdownNow();
    }
    gc.close();
    registry.close();
  }
}
