package io.datasipper.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Markdown report of {@link DashboardBench}. */
final class DashboardReport {
  private DashboardReport() {}

  static String markdown(BenchEnvironment env, BenchArgs a, List<DashboardBench.Run> runs,
      List<BundleSize.File> bundle) {
    StringBuilder md = new StringBuilder();
    md.append("# Dashboard benchmark, ").append(env.date()).append("\n\n");
    env.appendTo(md);
    CaptureRunsReport.appendSending(md, a);
    md.append(" DataSipper captures every frame as a ws_frame event into a real store. In A no dashboard")
        .append(" is open; in B the local server (events, feed, dashboard) runs and a second headless Chromium (fresh")
        .append(" profile) has the dashboard open on the live events, every event arriving through the feed. Capture")
        .append(" latency is measured as bench/capture does: from the server's send to the frame's event reaching the")
        .append(" ring buffer.");
    if (runs.stream().anyMatch(r -> r.name().startsWith("C"))) {
      md.append(" In C (`--blank 1`) the server runs as in B and the second Chromium is open, on about:blank:")
          .append(" no page of ours in it, nothing subscribed to the feed, and, as B's page is, left")
          .append(" idle for ").append(DashboardReader.IDLE_MILLIS / 1000).append(" s before the sending.");
    }
    if (runs.stream().anyMatch(r -> r.name().startsWith("S"))) {
      md.append(" In S (`--no-browser 1`) the server runs as in B and C, with no second browser.");
    }
    if (runs.stream().anyMatch(r -> r.name().startsWith("R"))) {
      md.append(" R (`--again 1`) is A a second time in its round: R against A is what two runs alike give.");
    }
    if (a.getInt("settle-seconds") > 0) {
      md.append(" Every run waited ").append(a.getInt("settle-seconds"))
          .append(" s once its browsers were up before it sent (`--settle-seconds`).");
    }
    if (runs.stream().anyMatch(CaptureRun::warmUp)) {
      md.append(" W, first, is a JIT warm-up (`--jit-seconds`), the server running and the second Chromium on")
          .append(" about:blank: no verdict rests on it.");
    }
    CaptureRunsReport.appendOrder(md, a, runs.stream().filter(r -> !r.warmUp()).map(r -> r.name().substring(0, 1))
        .distinct().toList());
    md.append("\n\n");

    CaptureRunsReport.appendLatencyTable(md, runs, "Browsers' CPU s");
    md.append("\nJVM CPU is the whole JVM's over the measured step (in B, C and S the server too, in B its feed); the")
        .append(" browsers' CPU is every Chromium's, so in B and C the second browser's too.\n");
    md.append("\n").append(CaptureRunsReport.p99Verdict(runs, "the dashboard open", DashboardBench.MAX_P99_RATIO))
        .append("\n");
    CaptureRunsReport.appendPerRound(md, runs);
    appendBlankBrowser(md, runs);
    appendServerAlone(md, runs);
    appendAgain(md, runs);
    md.append("\n");

    md.append("## The dashboard's page\n\n");
    md.append("Long tasks (PerformanceObserver `longtask`) and the JS heap (`performance.memory.usedJSHeapSize`)")
        .append(" from the start of the run's sending until its frames were all captured; idle: the same page, live,")
        .append(" for ").append(DashboardReader.IDLE_MILLIS / 1000).append(" s before, with nothing arriving (what the")
        .append(" machine's load alone makes of long tasks). The heap after GC is")
        .append(" read after `HeapProfiler.collectGarbage`. The cold first load is the fresh profile's, from")
        .append(" the navigation's start: index.html in, the script in, the load event (index.html, script and stylesheet),")
        .append(" the first answer of stored events in, and live (the stored events in the table, the feed live); -1 for a step the page did not record.\n\n");
    md.append("| Run | index.html ms | Script ms | Loaded ms | Events ms | Live ms | Idle: long tasks, longest ms | Long tasks | Over 50 ms | Longest ms"
        + " | Heap at start MB | Heap at end MB | Heap after GC MB | Table shows |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    boolean smooth = true;
    boolean fast = true;
    for (DashboardBench.Run run : runs) {
      if (!opened(run)) {
        continue;
      }
      DashboardPage.FirstLoad load = run.dashboard().firstLoad();
      DashboardPage.Figures f = run.dashboard().figures();
      smooth &= f.over(DashboardBench.LONG_TASK_MS) == 0;
      fast &= load.liveMs() <= DashboardBench.MAX_FIRST_LOAD_MS;
      List<DashboardPage.LongTask> idle = run.dashboard().idleLongTasks();
      md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %d, %.0f | %d | %d | %.0f | %.1f | %.1f | %.1f | %s |\n",
          run.name(), load.documentMs(), load.scriptMs(), load.loadedMs(), load.eventsMs(), load.liveMs(), idle.size(),
          idle.stream().mapToDouble(DashboardPage.LongTask::ms).max().orElse(0), f.longTasks().size(),
          f.over(DashboardBench.LONG_TASK_MS),
          f.longestMs(), f.heapStartBytes() / 1e6, f.heapEndBytes() / 1e6, f.heapAfterGcBytes() / 1e6, f.rowsShown()));
    }
    md.append(String.format(Locale.ROOT, "%nNo long task over %.0f ms: **%s**. Cold first load live within %.0f ms: **%s**.%n",
        DashboardBench.LONG_TASK_MS, smooth ? "met" : "NOT met", DashboardBench.MAX_FIRST_LOAD_MS,
        fast ? "met" : "NOT met"));
    for (DashboardBench.Run run : runs.stream().filter(DashboardReport::opened).toList()) {
      if (!run.dashboard().figures().longTasks().isEmpty()) {
        md.append(run.name()).append("'s long tasks (and when, in s after the page's figures started, 1 s before the sending): ").append(run.dashboard().figures()
            .longTasks().stream().map(t -> String.format(Locale.ROOT, "%.0f ms at %.1f s", t.ms(), t.atSeconds()))
            .collect(Collectors.joining(", "))).append(".\n");
      }
      if (!run.dashboard().figures().profile().isEmpty()) {
        md.append("\n").append(run.name()).append("'s heaviest functions (self time, sampled):\n\n");
        run.dashboard().figures().profile().forEach(line -> md.append("- ").append(line).append("\n"));
      }
      if (!run.dashboard().figures().tracedLongTasks().isEmpty()) {
        md.append("\n").append(run.name()).append("'s longest tasks in the renderer's trace (wall time, the time")
            .append(" its thread ran, and the trace events inside, nested ones included):\n\n");
        run.dashboard().figures().tracedLongTasks().forEach(line -> md.append("- ").append(line).append("\n"));
      }
      if (run.dashboard().figures().mainThreadWork() != null) {
        md.append("\n").append(run.name()).append("'s renderer main thread over the whole trace (its tasks, and the")
            .append(" trace events inside them by name, nested ones included): ")
            .append(run.dashboard().figures().mainThreadWork()).append("\n");
      }
    }

    appendSecondBrowserCpu(md, runs);
    appendFeedSent(md, runs);

    md.append("\n## Bundle\n\n");
    md.append("web/dist, as the web module's jar holds it; gzip at the default level.\n\n");
    md.append("| File | Bytes | Gzip bytes | Loaded |\n|---|---:|---:|---|\n");
    for (BundleSize.File file : bundle) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s |\n", file.name(), file.bytes(), file.gzipBytes(),
          file.firstLoad() ? "first load" : "when a page needs it"));
    }
    md.append(String.format(Locale.ROOT, "%nFirst load: %d bytes, **%d gzipped**; everything: %d bytes, %d gzipped.%n",
        bundle.stream().filter(BundleSize.File::firstLoad).mapToLong(BundleSize.File::bytes).sum(),
        bundle.stream().filter(BundleSize.File::firstLoad).mapToLong(BundleSize.File::gzipBytes).sum(),
        bundle.stream().mapToLong(BundleSize.File::bytes).sum(),
        bundle.stream().mapToLong(BundleSize.File::gzipBytes).sum()));
    return md.toString();
  }

  /**
   * Which parts of the second browser took its CPU in B and C: the page's own work (the renderer's
   * main thread) against what any browser does to show a page (compositing, the GPU process's
   * raster, the network service's reading).
   */
  private static void appendSecondBrowserCpu(StringBuilder md, List<DashboardBench.Run> runs) {
    List<DashboardBench.Run> withSecond = runs.stream()
        .filter(r -> r.dashboard() != null && r.dashboard().secondBrowserCpu() != null).toList();
    if (withSecond.isEmpty()) {
      return;
    }
    md.append("\n## The second browser's CPU\n\n");
    md.append("Each of the second Chromium's threads, read from `/proc` from the start of the sending until the")
        .append(" frames were all captured, summed by process kind and thread name (Linux keeps 15 characters of")
        .append(" a name; a process's main thread keeps the program's, so \"renderer chromium\" is the renderer's main")
        .append(" thread), heaviest first, in CPU seconds. A thread that ended in between counts nothing.\n\n");
    for (DashboardBench.Run run : withSecond) {
      md.append("- ").append(run.name()).append(" (").append(run.description()).append("): ")
          .append(run.dashboard().secondBrowserCpu()).append("\n");
    }
  }

  /** What the live feed sent the dashboard in each B: the bytes its browser had to read. */
  private static void appendFeedSent(StringBuilder md, List<DashboardBench.Run> runs) {
    List<DashboardBench.Run> fed = runs.stream().filter(r -> r.dashboard() != null && r.dashboard().feedSent() != null)
        .toList();
    if (fed.isEmpty()) {
      return;
    }
    md.append("\n## What the feed sent the dashboard\n\n");
    md.append("The server's count (`datasipper_feed_sent_bytes_total`), from the start of the sending until the frames")
        .append(" were all captured, against the frames captured meanwhile.\n\n");
    for (DashboardBench.Run run : fed) {
      DashboardReader.FeedSent sent = run.dashboard().feedSent();
      long frames = run.capture().steps().stream().mapToLong(StepResult::received).sum();
      md.append(String.format(Locale.ROOT, "- %s: %,d bytes in %,d messages, %.0f bytes a frame captured%n", run.name(),
          sent.bytes(), sent.messages(), frames == 0 ? 0.0 : (double) sent.bytes() / frames));
    }
  }

  private static boolean opened(DashboardBench.Run run) {
    return run.dashboard() != null && run.dashboard().openedDashboard();
  }

  /**
   * With {@code --blank 1}: C's median p99 against A's, and each round's C against its A. What C
   * adds to A is what any page would cost the capture in a second browser beside the server; what B
   * adds beyond C is the dashboard's own.
   */
  private static void appendBlankBrowser(StringBuilder md, List<DashboardBench.Run> runs) {
    if (appendAgainstA(md, runs, "C", "the runs with the server and a second browser on about:blank")) {
      md.append(String.format(Locale.ROOT, " The dashboard (B) over C: %.3f.%n",
          CaptureRunsReport.medianP99(runs, "B") / CaptureRunsReport.medianP99(runs, "C")));
    }
  }

  /**
   * With {@code --no-browser 1}: S's median p99 against A's, and each round's S against its A: what
   * the server alone adds; with C too, what the second browser adds beyond it.
   */
  private static void appendServerAlone(StringBuilder md, List<DashboardBench.Run> runs) {
    if (appendAgainstA(md, runs, "S", "the runs with the server and no second browser")) {
      if (runs.stream().anyMatch(r -> r.name().startsWith("C"))) {
        md.append(String.format(Locale.ROOT, " The blank browser (C) over S: %.3f.",
            CaptureRunsReport.medianP99(runs, "C") / CaptureRunsReport.medianP99(runs, "S")));
      }
      md.append("\n");
    }
  }

  /**
   * With {@code --again 1}: R's median p99 against A's, and each round's R against its A: the same
   * capture alone twice, so how far apart two runs alike come out on this machine.
   */
  private static void appendAgain(StringBuilder md, List<DashboardBench.Run> runs) {
    if (appendAgainstA(md, runs, "R", "the second runs of the capture alone")) {
      md.append("\n");
    }
  }

  /** The median p99 of the runs named {@code prefix}… over A's, and per round; false if there are none. */
  private static boolean appendAgainstA(StringBuilder md, List<DashboardBench.Run> runs, String prefix, String what) {
    long count = runs.stream().filter(r -> r.name().startsWith(prefix)).count();
    if (count == 0) {
      return false;
    }
    double a99 = CaptureRunsReport.medianP99(runs, "A");
    double p99 = CaptureRunsReport.medianP99(runs, prefix);
    md.append(String.format(Locale.ROOT, "Capture p99 in %s (%s) / in A: %.2f / %.2f ms = **%.3f**.", what,
        prefix, p99, a99, p99 / a99));
    if (count > 1) {
      md.append(" Per round (").append(prefix).append(" / the A of its round):")
          .append(CaptureRunsReport.perRound(runs, prefix));
    }
    return true;
  }
}
