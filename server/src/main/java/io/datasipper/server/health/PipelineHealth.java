package io.datasipper.server.health;

import io.datasipper.pipeline.PipelineStats;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One {@code output:<name>} component per configured output, from the pipeline's live counters and
 * its judgement of each output's health ({@link PipelineStats#health}), the one {@code streams
 * stats} and {@code /api/stats} report. Which output healths count as ready:
 *
 * <table>
 *   <caption>output health → readiness</caption>
 *   <tr><th>health</th><th>status</th><th>why</th></tr>
 *   <tr><td>ok</td><td>up</td><td>it delivers</td></tr>
 *   <tr><td>lagging</td><td>up</td><td>it delivers, only behind: more time, not a fix, is what it needs</td></tr>
 *   <tr><td>starting</td><td>down</td><td>it has not connected yet: nothing is delivered so far</td></tr>
 *   <tr><td>failing</td><td>down</td><td>it retries; the detail says the last error and the next retry</td></tr>
 *   <tr><td>stopped</td><td>down</td><td>it no longer takes events (the pipeline closed)</td></tr>
 * </table>
 *
 * A config reload stops an output and starts it again: it is down for that moment.
 */
public final class PipelineHealth implements HealthCheck {
  static final String PREFIX = "output:";

  private final PipelineStats stats;
  private final Supplier<? extends Collection<String>> outputNames;
  private final LongSupplier maxStoredSeq;

  /**
   * @param stats the running pipeline's counters (kept across reloads)
   * @param outputNames the outputs configured now; read on every check, so a reload's are reported
   * @param maxStoredSeq the highest seq stored now: an output that has not taken what was stored a
   *     while ago lags
   */
  public PipelineHealth(PipelineStats stats, Supplier<? extends Collection<String>> outputNames,
      LongSupplier maxStoredSeq) {
    this.stats = stats;
    this.outputNames = outputNames;
    this.maxStoredSeq = maxStoredSeq;
  }

  /** For {@code serve} without {@code --deliver}: the outputs exist but nothing here delivers to them. */
  public static HealthCheck notDelivering(Supplier<? extends Collection<String>> outputNames) {
    return () -> {
      Map<String, ComponentHealth> out = new LinkedHashMap<>();
      outputNames.get().forEach(name -> out.put(PREFIX + name,
          ComponentHealth.absent("not delivered by this process (serve without --deliver)")));
      return out;
    };
  }

  @Override
  public Map<String, ComponentHealth> check() {
    Map<String, String> health = stats.health(maxStoredSeq.getAsLong());
    Map<String, ComponentHealth> out = new LinkedHashMap<>();
    for (String name : outputNames.get()) {
      PipelineStats.OutputCounters output = stats.output(name);
      out.put(PREFIX + name, state(health.getOrDefault(name, output.health()), output));
    }
    return out;
  }

  private static ComponentHealth state(String health, PipelineStats.OutputCounters output) {
    String delivered = String.format("%,d delivered, %,d dead-lettered", output.delivered(), output.deadLettered());
    return switch (health) {
      case "ok", "lagging" -> ComponentHealth.up(health + ": " + delivered);
      case "starting" -> ComponentHealth.down("starting: not connected yet");
      case "failing" -> ComponentHealth.down("failing: " + (output.lastError() == null ? "no error recorded yet"
          : output.lastError()) + retry(output.nextRetryAt()));
      default -> ComponentHealth.down(health + ": " + delivered + lastError(output.lastError()));
    };
  }

  private static String retry(Instant at) {
    return at == null ? "" : "; next retry at " + at;
  }

  private static String lastError(String error) {
    return error == null ? "" : "; last error: " + error;
  }
}
