package io.datasipper.bench;

import io.datasipper.capture.CaptureRules;
import io.datasipper.store.WriterStats;
import io.javalin.websocket.WsContext;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs one phase: launches a reader, loads the page, sends its steps one after the other, and
 * measures each. A step ends once its frames stopped arriving, so the next one starts clean.
 */
final class PhaseRunner {
  /** A step is sustainable if this share of its frames arrived within 2 s after the server stopped... */
  static final double MIN_RECEIVED_SHARE = 0.999;
  static final long RECEIVE_WINDOW_NANOS = 2_000_000_000L;
  /** ...and p99 latency stayed under this. */
  static final double MAX_P99_MS = 100;

  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
  private static final long SETTLE_MILLIS = 1_000;
  private static final long DRAIN_QUIET_NANOS = 5_000_000_000L;
  private static final long DRAIN_MAX_NANOS = 90_000_000_000L;
  private static final long STORE_DRAIN_MAX_MILLIS = 60_000;
  private static final long POLL_MILLIS = 50;

  private final FrameServer server;
  private final MemorySampler sampler;
  private final Path chromium;
  private final Path workDir;
  /** How long each run waits, once its browsers are up and the page connected, before it sends. */
  private final long settleMillis;
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private String browserVersion;

  PhaseRunner(FrameServer server, MemorySampler sampler, Path chromium, Path workDir) {
    this(server, sampler, chromium, workDir, SETTLE_MILLIS);
  }

  /** @param settleMillis how long each run waits, once its browsers are up and the page connected, before it sends */
  PhaseRunner(FrameServer server, MemorySampler sampler, Path chromium, Path workDir, long settleMillis) {
    this.settleMillis = Math.max(SETTLE_MILLIS, settleMillis);
    this.server = server;
    this.sampler = sampler;
    this.chromium = chromium;
    this.workDir = workDir;
  }

  /** The browser's version, once a bare reader asked it. */
  String browserVersion() {
    return browserVersion;
  }

  PhaseResult run(FrameReader.Kind kind, String phase, List<StepPlan> plans, boolean stopAtFirstFailure)
      throws Exception {
    return run(kind.label, phase, plans, stopAtFirstFailure,
        (tally, dir) -> kind.create(chromium, dir, tally, plans.size()));
  }

  /** DataSipper's capture with nothing beside it: the runs named A, against which a bench's B runs are judged. */
  PhaseResult captureAlone(String phase, List<StepPlan> plans) throws Exception {
    return run("capture alone", phase, plans, false,
        (tally, dir) -> new DataSipperReader(chromium, dir, tally, plans.size(), CaptureRules.defaults()));
  }

  /** Makes the reader of a phase, fed to {@code tally}, working in {@code dir}. */
  @FunctionalInterface
  interface ReaderFactory {
    FrameReader create(FrameTally tally, Path dir) throws Exception;
  }

  /** Runs a phase with a reader of the caller's, which the report names {@code label}. */
  PhaseResult run(String label, String phase, List<StepPlan> plans, boolean stopAtFirstFailure, ReaderFactory readers)
      throws Exception {
    String load = Proc.loadAverage();
    FrameTally tally = new FrameTally(plans);
    List<StepResult> steps = new ArrayList<>();
    server.forgetClients();
    FrameReader reader = readers.create(tally,
        workDir.resolve(label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + phase));
    try {
      reader.start(server.pageUrl());
      if (reader.browserVersion() != null) {
        browserVersion = reader.browserVersion();
      }
      WsContext client = server.awaitClient(CLIENT_TIMEOUT);
      if (client == null) {
        throw new IllegalStateException("the page did not open its WebSocket within " + CLIENT_TIMEOUT);
      }
      Thread.sleep(settleMillis);
      for (int i = 0; i < plans.size(); i++) {
        StepResult step = step(reader, tally.step(i), client, i, plans.get(i));
        steps.add(step);
        System.out.println(progressLine(label, phase, step));
        if (stopAtFirstFailure && step.judged() && !step.sustainable()) {
          break;
        }
      }
    } finally {
      reader.close();
    }
    StoredFrames stored = reader.stored();
    if (stored != null) {
      for (int i = 0; i < steps.size(); i++) {
        StepResult s = steps.get(i);
        steps.set(i, s.withStore(s.store().withStoredFrames(stored.perStep()[i])));
      }
    }
    return new PhaseResult(label, phase, load, List.copyOf(steps), tally.foreign(),
        stored == null ? -1 : stored.frameRows(), stored == null ? -1 : stored.gapRows());
  }

  private StepResult step(FrameReader reader, FrameTally.Step seen, WsContext client, int index, StepPlan plan)
      throws InterruptedException {
    sampler.openWindow(reader::queuedBytes);
    double jvmCpu0 = jvmCpuSeconds();
    double browserCpu0 = Proc.browserCpuSeconds();
    WriterStats atStart = reader.writerStats();

    FrameServer.Sent sent = server.send(client, index, plan.rate(), plan.seconds());
    WriterStats atSendEnd = reader.writerStats();
    TimeUnit.NANOSECONDS.sleep(sent.pacing().endNanos() + RECEIVE_WINDOW_NANOS - System.nanoTime());
    long within2s = seen.distinct();
    WriterStats at2s = reader.writerStats();

    awaitDrain(seen, sent.sent());
    reader.awaitStored(STORE_DRAIN_MAX_MILLIS);
    long end = System.nanoTime();
    MemorySampler.Peaks memory = sampler.closeWindow();
    double jvmCpu = jvmCpuSeconds() - jvmCpu0;
    double browserCpu = Proc.browserCpuSeconds() - browserCpu0;
    WriterStats atEnd = reader.writerStats();

    LatencyStats latency = seen.latency();
    long failures = sent.failures().get();
    boolean sustainable = sent.sent() == plan.frames() && failures == 0
        && within2s >= MIN_RECEIVED_SHARE * sent.sent() && latency.p99Ms() < MAX_P99_MS;
    StepResult.StoreFigures store = atStart == null ? null : new StepResult.StoreFigures(-1,
        (atSendEnd.written() - atStart.written()) / sent.pacing().seconds(),
        at2s.pendingEvents(),
        atEnd.droppedEvents() - atStart.droppedEvents(),
        atEnd.gapsRecorded() - atStart.gapsRecorded(),
        atEnd.peakQueuedBytes(),
        DataSipperReader.SETTINGS.maxQueuedBytes());
    return new StepResult(plan.label(), plan.rate(), plan.seconds(), plan.judged(), plan.frames(), sent.sent(),
        failures, sent.pacing().seconds(), within2s, seen.distinct(), seen.duplicates(), latency, memory, jvmCpu,
        browserCpu, (end - sent.pacing().startNanos()) / 1e9, store, plan.judged() && sustainable);
  }

  /** Waits until every frame arrived, or none arrived for a while, or the wait is long enough. */
  private static void awaitDrain(FrameTally.Step seen, long sent) throws InterruptedException {
    long start = System.nanoTime();
    long lastProgress = start;
    int last = seen.distinct();
    while (last < sent) {
      long now = System.nanoTime();
      if (now - lastProgress > DRAIN_QUIET_NANOS || now - start > DRAIN_MAX_NANOS) {
        return;
      }
      Thread.sleep(POLL_MILLIS);
      int n = seen.distinct();
      if (n > last) {
        last = n;
        lastProgress = System.nanoTime();
      }
    }
  }

  private double jvmCpuSeconds() {
    return os.getProcessCpuTime() / 1e9;
  }

  private static String progressLine(String label, String phase, StepResult s) {
    return String.format(Locale.ROOT,
        "%-10s %-9s %-8s %6d/s x %3d s: sent %7d, received %7d (%7d within 2 s), p50 %7.2f p99 %8.2f max %8.2f ms%s",
        label, phase, s.label(), s.rate(), s.seconds(), s.sent(), s.received(), s.receivedWithin2s(),
        s.latency().p50Ms(), s.latency().p99Ms(), s.latency().maxMs(),
        s.judged() ? (s.sustainable() ? "  [sustainable]" : "  [NOT sustainable]") : "  [warm-up]");
  }
}
