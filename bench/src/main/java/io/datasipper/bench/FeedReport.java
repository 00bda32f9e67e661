package io.datasipper.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Markdown report of {@link FeedBench}. */
final class FeedReport {
  /** Where and when the run happened: the machine is shared, so the load is part of the result. */
  record Environment(String date, String startedAt, String finishedAt, String commit, String command, String java,
      String chromium, int cores, String loadAtStart, String loadAtEnd) {}

  private FeedReport() {}

  static String markdown(Environment env, BenchArgs a, List<StepPlan> plans, List<FeedBench.Run> runs, double maxRatio) {
    StringBuilder md = new StringBuilder();
    md.append("# Live feed benchmark, ").append(env.date()).append("\n\n");
    md.append("Command: `").append(env.command()).append("`, commit ").append(env.commit()).append(", ")
        .append(env.startedAt()).append(" to ").append(env.finishedAt()).append(".\n");
    md.append("Java ").append(env.java()).append(", Chromium ").append(env.chromium()).append(", ")
        .append(env.cores()).append(" cores, load average ").append(env.loadAtStart()).append(" at the start and ")
        .append(env.loadAtEnd()).append(" at the end.\n\n");
    md.append("A headless Chromium (BrowserFlags, as bench/capture) gets WebSocket frames of ")
        .append(a.get("payload-bytes")).append(" bytes at ").append(a.get("rate")).append("/s from a local server: ")
        .append(a.get("warmup-seconds")).append(" s of warm-up, then ").append(a.get("seconds"))
        .append(" s measured. DataSipper captures them into a real store. Capture latency is measured as bench/capture")
        .append(" does: from the server's send to the frame's event reaching the ring buffer. Subscribers are")
        .append(" java.net.http WebSocket clients of `/api/feed` in the same JVM, subscribed with the filter")
        .append(" `{field: type, operator: equals, value: ws_frame}`; the feed's default limits (10,000 events or 16 MiB")
        .append(" per client).\n\n");

    md.append("## Capture latency\n\n");
    md.append("| Run | What | Sent | Captured | p50 ms | p90 ms | p99 ms | max ms | Dropped from the store |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (FeedBench.Run run : runs) {
      StepResult s = measured(run);
      md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %s |\n", run.name(),
          run.description(), s.sent(), s.received(), s.latency().p50Ms(), s.latency().p90Ms(), s.latency().p99Ms(),
          s.latency().maxMs(), s.store() == null ? "-" : String.valueOf(s.store().droppedEvents())));
    }
    double a99 = median(runs, "A");
    double b99 = median(runs, "B");
    double ratio = b99 / a99;
    md.append(String.format(Locale.ROOT,
        "%nCapture p99 with subscribers (B) / without (A): %.2f / %.2f ms = **%.3f** (target: at most %.2f): **%s**.%n",
        b99, a99, ratio, maxRatio, ratio <= maxRatio ? "met" : "NOT met"));
    FeedBench.Run c = runs.get(runs.size() - 1);
    md.append(String.format(Locale.ROOT, "With one subscriber slowed (C): %.2f ms, %.3f of A.%n%n",
        measured(c).latency().p99Ms(), measured(c).latency().p99Ms() / a99));

    md.append("## Subscribers\n\n");
    md.append("Frames are counted over the whole run (warm-up included); latency (server send to the subscriber)")
        .append(" over the measured step.\n\n");
    md.append("| Run | Subscriber | Frames captured | Received | Told missed | `missed` messages | Received + missed | p50 ms | p99 ms | Got every event |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    List<String> verdicts = new ArrayList<>();
    for (FeedBench.Run run : runs) {
      long captured = run.capture().steps().stream().mapToLong(StepResult::received).sum();
      int i = 0;
      for (FeedSubscriber sub : run.subscribers()) {
        i++;
        long received = 0;
        for (int step = 0; step < plans.size(); step++) {
          received += sub.tally().step(step).distinct();
        }
        LatencyStats latency = sub.tally().step(plans.size() - 1).latency();
        boolean all = received == captured && sub.missed() == 0;
        String got = all ? "yes" : sub.slow()
            ? (received + sub.missed() >= captured ? "no, and told what it missed" : "NO, not all told")
            : "NO";
        if (!sub.slow() && !all) {
          verdicts.add(run.name() + " subscriber " + i + " did not get every event");
        }
        if (sub.slow() && !all && received + sub.missed() < captured) {
          verdicts.add(run.name() + " slow subscriber was not told everything it missed");
        }
        md.append(String.format(Locale.ROOT, "| %s | %d%s | %d | %d | %d | %d | %d | %.2f | %.2f | %s |\n",
            run.name(), i, sub.slow() ? " (slow)" : "", captured, received, sub.missed(), sub.missedRuns(),
            received + sub.missed(), latency.p50Ms(), latency.p99Ms(), got));
      }
    }
    md.append("\n");
    if (verdicts.isEmpty()) {
      md.append("Every subscriber that kept up got every captured frame; the slowed one was told how many it missed.\n");
    } else {
      verdicts.forEach(v -> md.append("- **").append(v).append("**\n"));
    }
    return md.toString();
  }

  private static StepResult measured(FeedBench.Run run) {
    List<StepResult> steps = run.capture().steps();
    return steps.get(steps.size() - 1);
  }

  /** The median capture p99 of the runs whose name starts with {@code prefix}. */
  private static double median(List<FeedBench.Run> runs, String prefix) {
    double[] p99 = runs.stream().filter(r -> r.name().startsWith(prefix))
        .mapToDouble(r -> measured(r).latency().p99Ms()).sorted().toArray();
    int n = p99.length;
    return n % 2 == 1 ? p99[n / 2] : (p99[n / 2 - 1] + p99[n / 2]) / 2;
  }
}
