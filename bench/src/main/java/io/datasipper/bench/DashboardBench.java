package io.datasipper.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's cost and smoothness, in one run: a real headless Chromium gets WebSocket frames
 * at a fixed rate while DataSipper captures them with no dashboard open (run A), and with the
 * dashboard's live events open in a second headless Chromium (run B), in rounds. Reports the
 * capture's latency as {@code bench/capture} measures it, the dashboard's long tasks and JS heap,
 * its cold first load and the bundle's size. Writes {@code bench/results/dashboard-<date>.md}. Run
 * it with {@code bench/dashboard}.
 */
public final class DashboardBench {
  static final String USAGE = """
      Usage: bench/dashboard [options]
        --seconds N          measured seconds per run (default 60)
        --rate N             frames (events) per second (default 1000)
        --warmup-seconds N   unjudged sending before the measured step of each run (default 5)
        --payload-bytes N    length of each frame's text (default 128)
        --rounds N           runs A and B (and C, S, R) this many times each, each round starting one run
                             further along: A B, then B A, ... (default 1)
        --profile 0|1        1: in B, sample the dashboard's JavaScript and trace its renderer: the heaviest
                             functions, what its long tasks were made of, and what its main thread
                             ran over the whole run (default 0)
        --blank 0|1          1: each round also runs C, the server and the second Chromium as in B but
                             left on about:blank: what a second browser alone costs the capture (default 0)
        --no-browser 0|1     1: each round also runs S, the server as in B and C with no second browser:
                             what the server alone costs the capture (default 0)
        --again 0|1          1: each round also runs R, the capture alone a second time: the ratio two runs
                             alike give, the noise under B's and C's (default 0)
        --settle-seconds N   every run waits N s once its browsers are up before it sends, so that Chromium's
                             own work of its first minute (bursts about 30 and 60 s after it starts) is
                             done before the measuring (default 0: a second)
        --jit-seconds N      a first run W, as C (the server running, a second browser on about:blank),
                             reported but not judged, so that the capture's code is compiled before the
                             rounds; the dashboard's first load stays the first B's (default 10; 0 skips it)
      """;
  /** B's capture p99 may exceed A's by this share. */
  static final double MAX_P99_RATIO = 1.10;
  /** A task longer than this is a long task (the browser's own threshold). */
  static final double LONG_TASK_MS = 50;
  /** The dashboard's first load should be done in this. */
  static final double MAX_FIRST_LOAD_MS = 1_000;

  /** One run; {@code dashboard} is null in the runs without one. */
  record Run(String name, String description, PhaseResult capture, DashboardReader dashboard) implements CaptureRun {}

  private DashboardBench() {}

  public static void main(String[] args) throws Exception {
    BenchMain.run("dashboard", args, USAGE, CaptureRun.options(60, 1_000,
        new BenchArgs.Option("profile", 0, 0, 1), new BenchArgs.Option("blank", 0, 0, 1),
        new BenchArgs.Option("no-browser", 0, 0, 1), new BenchArgs.Option("again", 0, 0, 1), new BenchArgs.Option("jit-seconds", 10, 0, 120),
        new BenchArgs.Option("settle-seconds", 0, 0, 600)),
        DashboardBench::run);
  }

  private static Path run(BenchArgs a, Path chromium, Path work) throws Exception {
    OffsetDateTime started = BenchEnvironment.now();
    String loadAtStart = Proc.loadAverage();
    int rate = a.getInt("rate");
    List<StepPlan> plans = StepPlan.warmUpThenMeasured(a, rate);
    List<Run> runs = new ArrayList<>();
    try (FrameServer server = new FrameServer(a.getInt("payload-bytes"));
        MemorySampler sampler = new MemorySampler()) {
      PhaseRunner runner = new PhaseRunner(server, sampler, chromium, work, a.getInt("settle-seconds") * 1_000L);
      boolean profiling = a.getInt("profile") == 1;
      if (a.getInt("jit-seconds") > 0) {
        // The JVM's first run is its slowest, its code still interpreted: a warm-up that no verdict
        // rests on, so that the first run of the rounds is measured on a JVM like the others'. It
        // leaves the dashboard unopened, so that the first B still times the dashboard's first load
        // in this JVM, after no more than the server's own warm-up, as a user's first look does.
        runs.add(besideCapture(runner, CaptureRun.WARMUP_RUN, "server running, second browser on about:blank, JIT"
            + " warm-up (not judged)", StepPlan.jitWarmUp(a, rate), chromium, false, DashboardReader.Beside.BLANK_BROWSER));
      }
      List<RoundOrder.RunMaker<Run>> makers = new ArrayList<>();
      makers.add(s -> new Run("A" + s, "no dashboard open", runner.captureAlone("A" + s, plans), null));
      makers.add(s -> besideCapture(runner, "B" + s, "dashboard open on the live events", plans, chromium, profiling,
          DashboardReader.Beside.DASHBOARD));
      if (a.getInt("blank") == 1) {
        makers.add(s -> besideCapture(runner, "C" + s, "server running, second browser on about:blank", plans,
            chromium, false, DashboardReader.Beside.BLANK_BROWSER));
      }
      if (a.getInt("no-browser") == 1) {
        makers.add(s -> besideCapture(runner, "S" + s, "server running, no second browser", plans, chromium, false,
            DashboardReader.Beside.NO_BROWSER));
      }
      if (a.getInt("again") == 1) {
        makers.add(s -> new Run("R" + s, "no dashboard open, a second time", runner.captureAlone("R" + s, plans),
            null));
      }
      runs.addAll(RoundOrder.runRounds(a.getInt("rounds"), makers));
    }
    List<BundleSize.File> bundle = BundleSize.of(Path.of("web", "dist"));
    BenchEnvironment env = BenchEnvironment.endingNow(started, loadAtStart, chromium, "bench/dashboard");
    String markdown = DashboardReport.markdown(env, a, runs, bundle);
    System.out.println();
    System.out.print(markdown);
    // A profiled run is slowed by its own tracing: its report goes beside the plain one, not over it.
    String name = "dashboard-" + LocalDate.now() + (a.getInt("profile") == 1 ? "-profile" : "") + ".md";
    return BenchFiles.writeReport(Path.of("bench", "results"), name, markdown);
  }

  /** A run of the capture with the server and, beside it, the dashboard, a browser on about:blank or none. */
  private static Run besideCapture(PhaseRunner runner, String name, String description, List<StepPlan> plans,
      Path chromium, boolean profiling, DashboardReader.Beside beside) throws Exception {
    DashboardReader[] reader = new DashboardReader[1];
    PhaseResult result = runner.run(beside.phase, name, plans, false, (tally, dir) -> {
      reader[0] = new DashboardReader(chromium, dir, tally, plans.size(), profiling, beside);
      return reader[0];
    });
    return new Run(name, description, result, reader[0]);
  }
}
