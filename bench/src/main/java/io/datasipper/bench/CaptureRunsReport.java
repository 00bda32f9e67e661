package io.datasipper.bench;

import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;

/** The parts of a report that every A-against-B capture benchmark writes alike. */
final class CaptureRunsReport {
  private CaptureRunsReport() {}

  /** The opening of the setup paragraph: the browser, the frames' size and rate, the steps' length. */
  static void appendSending(StringBuilder md, BenchArgs a) {
    md.append("A headless Chromium (BrowserFlags, as bench/capture) gets WebSocket frames of ")
        .append(a.get("payload-bytes")).append(" bytes at ").append(a.get("rate")).append("/s from a local server: ")
        .append(a.get("warmup-seconds")).append(" s of warm-up, then ").append(a.get("seconds"))
        .append(" s measured.");
  }

  /**
   * The "Capture latency" heading and its table, a row per run.
   *
   * @param browserCpu the browser CPU column's heading
   */
  static void appendLatencyTable(StringBuilder md, List<? extends CaptureRun> runs, String browserCpu) {
    md.append("## Capture latency\n\n");
    md.append("| Run | What | Sent | Captured | p50 ms | p90 ms | p99 ms | max ms | Dropped from the store"
        + " | JVM CPU s | ").append(browserCpu).append(" | Load at start |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (CaptureRun run : runs) {
      StepResult s = run.measured();
      md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %s | %.1f | %.1f | %s |\n",
          run.name(), run.description(), s.sent(), s.received(), s.latency().p50Ms(), s.latency().p90Ms(),
          s.latency().p99Ms(), s.latency().maxMs(), s.store() == null ? "-" : String.valueOf(s.store().droppedEvents()),
          s.jvmCpuSeconds(), s.browserCpuSeconds(), run.capture().loadAtStart()));
    }
  }

  /**
   * The verdict on B's median capture p99 over A's, without a line end. The difference in
   * milliseconds is given too: where the capture alone is fast, the same added time is a larger
   * share of it.
   *
   * @param with what B has that A has not, as in "with {@code with} (B) / without (A)"
   */
  static String p99Verdict(List<? extends CaptureRun> runs, String with, double maxRatio) {
    double a99 = medianP99(runs, "A");
    double b99 = medianP99(runs, "B");
    double ratio = b99 / a99;
    return String.format(Locale.ROOT,
        "Capture p99 with %s (B) / without (A): %.2f / %.2f ms = **%.3f**, %+.2f ms (target: at most %.2f): **%s**.",
        with, b99, a99, ratio, b99 - a99, maxRatio, ratio <= maxRatio ? "met" : "NOT met");
  }

  /**
   * Each round's B against its round's A, and the spread of A's p99 over its rounds: how
   * much of a difference between the medians the machine's own noise could make. Nothing for one round.
   */
  static void appendPerRound(StringBuilder md, List<? extends CaptureRun> runs) {
    List<? extends CaptureRun> as = runs.stream().filter(r -> r.name().startsWith("A")).toList();
    if (as.size() < 2) {
      return;
    }
    md.append("Per round (B / the A of its round):").append(perRound(runs, "B"));
    DoubleSummaryStatistics a99 = as.stream().mapToDouble(r -> r.measured().latency().p99Ms()).summaryStatistics();
    md.append(String.format(Locale.ROOT, " A's p99 spread over its rounds: %.2f to %.2f ms.%n", a99.getMin(),
        a99.getMax()));
  }

  /** Each round's run named {@code prefix}… against that round's A, as " B1 1.15; B2 0.98;". */
  static String perRound(List<? extends CaptureRun> runs, String prefix) {
    List<? extends CaptureRun> as = runs.stream().filter(r -> r.name().startsWith("A")).toList();
    List<? extends CaptureRun> others = runs.stream().filter(r -> r.name().startsWith(prefix)).toList();
    StringBuilder ratios = new StringBuilder();
    for (int i = 0; i < Math.min(as.size(), others.size()); i++) {
      ratios.append(String.format(Locale.ROOT, " %s %.2f;", others.get(i).name(),
          others.get(i).measured().latency().p99Ms() / as.get(i).measured().latency().p99Ms()));
    }
    return ratios.toString();
  }

  /** With more than one round, how {@link RoundOrder} turned the order of the rounds' runs {@code names}, after a space. */
  static void appendOrder(StringBuilder md, BenchArgs a, List<String> names) {
    if (a.getInt("rounds") > 1) {
      md.append(" ").append(RoundOrder.describe(names));
    }
  }

  /** The median capture p99 of the runs whose name starts with {@code prefix}. */
  static double medianP99(List<? extends CaptureRun> runs, String prefix) {
    double[] p99 = runs.stream().filter(r -> r.name().startsWith(prefix))
        .mapToDouble(r -> r.measured().latency().p99Ms()).sorted().toArray();
    int n = p99.length;
    return n % 2 == 1 ? p99[n / 2] : (p99[n / 2 - 1] + p99[n / 2]) / 2;
  }
}
