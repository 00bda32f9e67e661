package io.datasipper.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Markdown report of {@link FeedBench}. */
final class FeedReport {
  private FeedReport() {}

  static String markdown(BenchEnvironment env, BenchArgs a, List<FeedBench.Run> runs, double maxRatio) {
    StringBuilder md = new StringBuilder();
    md.append("# Live feed benchmark, ").append(env.date()).append("\n\n");
    env.appendTo(md);
    CaptureRunsReport.appendSending(md, a);
    md.append(" DataSipper captures them into a real store. Capture latency is measured as bench/capture")
        .append(" does: from the server's send to the frame's event reaching the ring buffer. Subscribers are")
        .append(" java.net.http WebSocket clients of `/api/feed` in a JVM of their own (a real client, a dashboard or a")
        .append(" script, runs in a process of its own: the subscribers share the machine's cores with the capture,")
        .append(" not its heap and garbage collections), subscribed with `")
        .append(FeedSubscriber.subscribe(a.getInt("batch-ms"))).append("` (")
        .append(a.getInt("batch-ms") > 0 ? "their events gathered every " + a.getInt("batch-ms")
            + " ms into one message, as the dashboard and the side panel ask" : "each event a message of its own")
        .append("); the feed's default limits (10,000 events or 16 MiB per client).");
    CaptureRunsReport.appendOrder(md, a, List.of("A", "B"));
    md.append("\n\n");

    CaptureRunsReport.appendLatencyTable(md, runs, "Browser CPU s");
    md.append("\nJVM CPU is the whole JVM's over the measured step: capture, store, and in B and C the feed's server.")
        .append(" The subscribers' process used, over each whole run (warm-up included): ")
        .append(runs.stream().filter(r -> !r.subscribers().isEmpty())
            .map(r -> String.format(Locale.ROOT, "%s %.1f s", r.name(), r.subscribersCpuSeconds()))
            .collect(Collectors.joining("; ")))
        .append(". The feed sent them (the server's count, `datasipper_feed_sent_bytes_total`), over each whole run: ")
        .append(runs.stream().filter(r -> !r.subscribers().isEmpty())
            .map(r -> String.format(Locale.ROOT, "%s %.1f MB", r.name(), r.feedBytes() / 1e6))
            .collect(Collectors.joining("; ")))
        .append(".\n");
    md.append("\n").append(CaptureRunsReport.p99Verdict(runs, "subscribers", maxRatio)).append("\n");
    double a99 = CaptureRunsReport.medianP99(runs, "A");
    CaptureRunsReport.appendPerRound(md, runs);
    FeedBench.Run c = runs.get(runs.size() - 1);
    md.append(String.format(Locale.ROOT, "With one subscriber slowed (C): %.2f ms, %.3f of A.%n%n",
        c.measured().latency().p99Ms(), c.measured().latency().p99Ms() / a99));

    md.append("## Subscribers\n\n");
    md.append("Frames and messages are counted over the whole run (warm-up included); latency (server send to the")
        .append(" subscriber) over the measured step.\n\n");
    md.append("| Run | Subscriber | Frames captured | Received | Messages | Told missed | `missed` messages | Received + missed | p50 ms | p99 ms | Got every event |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    List<String> verdicts = new ArrayList<>();
    for (FeedBench.Run run : runs) {
      boolean judged = !run.warmUp();
      long captured = run.capture().steps().stream().mapToLong(StepResult::received).sum();
      int i = 0;
      for (SubscriberFigures sub : run.subscribers()) {
        i++;
        long received = sub.received();
        boolean all = received == captured && sub.missed() == 0;
        String got = all ? "yes" : sub.slow()
            ? (received + sub.missed() >= captured ? "no, and told what it missed" : "NO, not all told")
            : "NO";
        if (judged && !sub.slow() && !all) {
          verdicts.add(run.name() + " subscriber " + i + " did not get every event");
        }
        if (sub.slow() && !all && received + sub.missed() < captured) {
          verdicts.add(run.name() + " slow subscriber was not told everything it missed");
        }
        got = judged ? got : got + " (warm-up)";
        md.append(String.format(Locale.ROOT, "| %s | %d%s | %d | %d | %d | %d | %d | %d | %.2f | %.2f | %s |\n",
            run.name(), i, sub.slow() ? " (slow)" : "", captured, received, sub.messages(), sub.missed(), sub.missedRuns(),
            received + sub.missed(), sub.p50Ms(), sub.p99Ms(), got));
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
}
