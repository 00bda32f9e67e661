package io.datasipper.bench;

import io.datasipper.capture.ChromiumLocator;
import io.datasipper.store.RingBuffer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures DataSipper's WebSocket capture against the bare CDP reader in one run: fixed rates, then
 * a ramp to each one's sustainable rate, and writes {@code bench/results/capture-<date>.md} and
 * {@code .json}. Run it with {@code bench/capture} (options: {@code --help}).
 */
public final class CaptureBench {
  static final String FIXED_PREFIX = "rate-";
  static final String RAMP_PHASE = "ramp";
  private static final int WARMUP_MAX_RATE = 1_000;
  /** Frames/s of the JIT's warm-up: 30,000 frames in its default 10 s, several times the compiler's thresholds. */
  static final int JIT_WARMUP_RATE = 3_000;

  private CaptureBench() {}

  static String fixedPhase(int rate) {
    return FIXED_PREFIX + rate;
  }

  public static void main(String[] args) throws Exception {
    // Quiet the server's and the store's info logging; warnings (drops, gaps) still show.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    String command = System.getProperty("bench.command", "java io.datasipper.bench.CaptureBench " + String.join(" ", args));
    BenchOptions options;
    try {
      options = BenchOptions.parse(args, ChromiumLocator.find().orElse(null), command);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path md = run(options);
    System.out.println("Report: " + md + " (and .json)");
  }

  static Path run(BenchOptions options) throws Exception {
    OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    String loadAtStart = Proc.loadAverage();
    int cores = Runtime.getRuntime().availableProcessors();
    if (!loadAtStart.equals("?") && Double.parseDouble(loadAtStart) > cores) {
      System.err.println("warning: the load average is " + loadAtStart + " on " + cores
          + " cores; other work competes for the CPU, so latencies will be noisy");
    }
    Path workDir = Files.createTempDirectory("datasipper-capture-bench");
    List<PhaseResult> phases = new ArrayList<>();
    PhaseRunner runner;
    try (FrameServer server = new FrameServer(options.payloadBytes());
        MemorySampler sampler = new MemorySampler()) {
      runner = new PhaseRunner(server, sampler, options.chromium(), workDir);
      warmUpTheJit(runner, options);
      int round = 0;
      for (int rate : options.rates()) {
        List<StepPlan> plans = withWarmup(options, Math.min(rate, WARMUP_MAX_RATE),
            List.of(new StepPlan("measured", rate, options.seconds(), true)));
        for (FrameReader.Kind kind : inTurn(options.readers(), round++)) {
          phases.add(runner.run(kind, fixedPhase(rate), plans, false));
        }
      }
      if (!options.rampRates().isEmpty()) {
        List<StepPlan> ramp = options.rampRates().stream()
            .map(rate -> new StepPlan("ramp-" + rate, rate, options.rampSeconds(), true)).toList();
        for (FrameReader.Kind kind : inTurn(options.readers(), round)) {
          phases.add(runner.run(kind, RAMP_PHASE, withWarmup(options, WARMUP_MAX_RATE, ramp), true));
        }
      }
    } finally {
      BenchFiles.deleteTree(workDir);
    }
    Report.Sustainable bare = Targets.sustainable(phases, FrameReader.Kind.BARE.label);
    Report.Sustainable ds = Targets.sustainable(phases, FrameReader.Kind.DATASIPPER.label);
    Report report = new Report(
        environment(options, started, loadAtStart, runner.browserVersion()),
        settings(options), List.copyOf(phases), bare, ds, Targets.verdicts(phases, bare, ds));
    Path md = ReportWriter.write(report, options.outDir());
    System.out.println();
    System.out.print(ReportWriter.markdown(report));
    return md;
  }

  /**
   * Runs each reader once, unjudged and unreported, so that the JIT has compiled every reader's code
   * before any is measured. Without it the reader that ran first paid for the compiling in its
   * measured step: DataSipper at 5,000 frames/s used 8.97 s of the JVM's CPU in 15 s when it ran
   * first, 6.09 s when it ran last (keep_secrets 5.82-6.06), and its p99 was several times longer.
   */
  private static void warmUpTheJit(PhaseRunner runner, BenchOptions options) throws Exception {
    if (options.jitWarmupSeconds() == 0) {
      return;
    }
    List<StepPlan> plan = List.of(new StepPlan("jit-warm-up", JIT_WARMUP_RATE, options.jitWarmupSeconds(), false));
    for (FrameReader.Kind kind : options.readers()) {
      runner.run(kind, "jit-warm-up", plan, false);
    }
  }

  /**
   * The readers in the order of the {@code round}-th rate: the bare reader first, the others taking
   * turns at going first. They share this JVM, so a reader that runs later meets code an earlier one
   * made the JIT compile: keep_secrets always run after DataSipper looked cheaper than it is.
   */
  static List<FrameReader.Kind> inTurn(List<FrameReader.Kind> readers, int round) {
    List<FrameReader.Kind> order = new ArrayList<>(readers.stream().filter(k -> k == FrameReader.Kind.BARE).toList());
    List<FrameReader.Kind> others = new ArrayList<>(readers.stream().filter(k -> k != FrameReader.Kind.BARE).toList());
    if (!others.isEmpty()) {
      Collections.rotate(others, -(round % others.size()));
    }
    order.addAll(others);
    return order;
  }

  private static List<StepPlan> withWarmup(BenchOptions options, int rate, List<StepPlan> steps) {
    List<StepPlan> plans = new ArrayList<>();
    if (options.warmupSeconds() > 0) {
      plans.add(new StepPlan("warm-up", rate, options.warmupSeconds(), false));
    }
    plans.addAll(steps);
    return plans;
  }

  private static Report.Environment environment(BenchOptions options, OffsetDateTime started, String loadAtStart,
      String chromium) {
    Runtime.Version v = Runtime.version();
    return new Report.Environment(
        LocalDate.now().toString(), started.toString(),
        OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        System.getProperty("bench.commit", "unknown"), options.command(),
        v + " (" + System.getProperty("java.vendor") + ")",
        (chromium == null ? "Chromium" : chromium) + " at " + options.chromium(),
        Runtime.getRuntime().availableProcessors(), loadAtStart, Proc.loadAverage(),
        Runtime.getRuntime().maxMemory(),
        ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
  }

  private static Report.Settings settings(BenchOptions o) {
    var w = DataSipperReader.SETTINGS;
    return new Report.Settings(o.rates(), o.seconds(), o.rampRates(), o.rampSeconds(), o.warmupSeconds(),
        o.jitWarmupSeconds(), o.payloadBytes(), w.batchSize(), w.flushInterval().toMillis(), w.maxQueuedBytes(), RingBuffer.DEFAULT_MAX_EVENTS);
  }
}
