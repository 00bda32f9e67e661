package io.datasipper.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The live feed's cost to the capture, in one run: a real headless Chromium gets WebSocket frames
 * at a fixed rate while DataSipper captures them (run A), the same with subscribers of the feed over
 * real WebSockets from a JVM of their own (run B), and with one of them slowed on purpose (run C). Reports the capture's
 * latency as {@code bench/capture} measures it (server send to the ring buffer) and what each
 * subscriber got. Writes {@code bench/results/feed-<date>.md}. Run it with {@code bench/feed}.
 */
public final class FeedBench {
  static final String USAGE = """
      Usage: bench/feed [options]
        --seconds N          measured seconds per run (default 30)
        --rate N             frames per second (default 2000)
        --subscribers N      feed subscribers in runs B and C (default 5)
        --warmup-seconds N   unjudged sending before the measured step of each run (default 5)
        --payload-bytes N    length of each frame's text (default 128)
        --slow-ms N          run C's slow subscriber waits this long after each message (default 10)
        --batch-ms N         subscribers ask for their events gathered every N ms, as the dashboard
                             does (default 50); 0: each event a message of its own
        --rounds N           runs A and B this many times each, before C: A B, then B A, ... (default 1)
        --jit-seconds N      a first run W with the subscribers, reported but not judged, so that the
                             feed's and the clients' code is compiled before A and B (default 10; 0 skips it)
      """;
  /** B's capture p99 may exceed A's by this share. */
  static final double MAX_P99_RATIO = 1.10;

  /**
   * One run: its name, what it is, the capture's figures, its subscribers, the CPU their process
   * used over the run (NaN for a run without subscribers), and the bytes the feed sent them.
   */
  record Run(String name, String description, PhaseResult capture, List<SubscriberFigures> subscribers,
      double subscribersCpuSeconds, long feedBytes) implements CaptureRun {}

  private FeedBench() {}

  public static void main(String[] args) throws Exception {
    BenchMain.run("feed", args, USAGE, CaptureRun.options(30, 2_000,
        new BenchArgs.Option("subscribers", 5, 1, 50),
        new BenchArgs.Option("slow-ms", 10, 1, 10_000),
        new BenchArgs.Option("batch-ms", 50, 0, 1_000),
        new BenchArgs.Option("jit-seconds", 10, 0, 120)), FeedBench::run);
  }

  private static Path run(BenchArgs a, Path chromium, Path work) throws Exception {
    OffsetDateTime started = BenchEnvironment.now();
    String loadAtStart = Proc.loadAverage();
    int rate = a.getInt("rate");
    int subscribers = a.getInt("subscribers");
    long slowNanos = a.get("slow-ms") * 1_000_000;
    String subscribe = FeedSubscriber.subscribe(a.getInt("batch-ms"));
    List<StepPlan> plans = StepPlan.warmUpThenMeasured(a, rate);
    List<Run> runs = new ArrayList<>();
    try (FrameServer server = new FrameServer(a.getInt("payload-bytes"));
        MemorySampler sampler = new MemorySampler();
        FeedClientProcess clients = new FeedClientProcess()) {
      PhaseRunner runner = new PhaseRunner(server, sampler, chromium, work);
      if (a.getInt("jit-seconds") > 0) {
        // The JVM's first seconds with the feed run its code interpreted: on a loaded machine its
        // subscribers fall behind then, which would charge the compiler's warm-up to run B1.
        runs.add(feedRun(runner, chromium, clients, StepPlan.jitWarmUp(a, rate), CaptureRun.WARMUP_RUN,
            subscribers + " subscribers, JIT warm-up (not judged)", subscribers, 0, subscribe));
      }
      runs.addAll(RoundOrder.runRounds(a.getInt("rounds"), List.<RoundOrder.RunMaker<Run>>of(
          s -> new Run("A" + s, "capture alone", runner.captureAlone("A" + s, plans), List.of(), Double.NaN, 0),
          s -> feedRun(runner, chromium, clients, plans, "B" + s, subscribers + " subscribers", subscribers, 0,
              subscribe))));
      runs.add(feedRun(runner, chromium, clients, plans, "C", (subscribers - 1) + " subscribers + 1 slowed ("
          + a.get("slow-ms") + " ms per message)", subscribers, slowNanos, subscribe));
    }
    BenchEnvironment env = BenchEnvironment.endingNow(started, loadAtStart, chromium, "bench/feed");
    String markdown = FeedReport.markdown(env, a, runs, MAX_P99_RATIO);
    System.out.println();
    System.out.print(markdown);
    return BenchFiles.writeReport(Path.of("bench", "results"), "feed-" + LocalDate.now() + ".md", markdown);
  }

  private static Run feedRun(PhaseRunner runner, Path chromium, FeedClientProcess clients, List<StepPlan> plans,
      String name, String description, int subscribers, long slowNanos, String subscribe) throws Exception {
    FeedReader[] reader = new FeedReader[1];
    PhaseResult result = runner.run("capture + feed", name, plans, false, (tally, dir) -> {
      reader[0] = new FeedReader(chromium, dir, tally, plans, clients, subscribers, slowNanos, subscribe);
      return reader[0];
    });
    FeedClientProcess.Result got = reader[0].result();
    return new Run(name, description, result, got.subscribers(), got.cpuSeconds(), reader[0].bytesSent());
  }
}
