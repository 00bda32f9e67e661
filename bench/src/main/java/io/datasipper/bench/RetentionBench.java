package io.datasipper.bench;

import io.datasipper.api.files.PrivateFiles;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.ChromiumLocator;
import io.datasipper.store.EventStore;
import io.datasipper.store.RetentionSettings;
import io.datasipper.store.RetentionSweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The retention sweep under capture: a store of {@code --events} events (1,000,000 by default) is
 * captured into at a fixed rate twice, from two copies of it, once as it is and once while a sweep
 * deletes half of it to meet a {@code max_size}. Whether the sweep holds up the capture shows in
 * what the two runs received, stored, dropped and queued. Writes {@code bench/results/retention-<date>.md}.
 * Run it with {@code bench/retention} ({@code --events N --rate R --seconds S}).
 */
public final class RetentionBench {
  private static final int PAYLOAD_BYTES = 128;
  private static final int FILL_BATCH = 1_000;
  private static final String LABEL = "DataSipper";

  /** What the sweep did, and when it ended relative to the capture. */
  record SweepRun(RetentionSweep.Report report, double seconds, long fileBytesBefore, long fileBytesAfter,
      boolean endedWhileCapturing) {}

  private RetentionBench() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    long events = 1_000_000;
    int rate = 1_000;
    int seconds = 150;
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--events" -> events = Long.parseLong(value);
        case "--rate" -> rate = Integer.parseInt(value);
        case "--seconds" -> seconds = Integer.parseInt(value);
        default -> {
          System.err.println("bench/retention: unknown option " + args[i] + "; use --events N --rate R --seconds S");
          System.exit(2);
        }
      }
    }
    Path chromium = ChromiumLocator.find().orElseThrow(() -> new IllegalStateException("Chromium not found"));
    String command = System.getProperty("bench.command", "bench/retention " + String.join(" ", args));
    Path work = Files.createTempDirectory("datasipper-retention-bench");
    try {
      run(chromium, work, events, rate, seconds, command);
    } finally {
      BenchFiles.deleteTree(work);
    }
  }

  private static void run(Path chromium, Path work, long events, int rate, int seconds, String command)
      throws Exception {
    String loadAtStart = Proc.loadAverage();
    Path seed = work.resolve("seed");
    long fillStart = System.nanoTime();
    QueryIngest.fill(seed, 1, events, FILL_BATCH);
    double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
    checkpoint(seed.resolve(EventStore.FILE_NAME));
    long seedBytes = Files.size(seed.resolve(EventStore.FILE_NAME));
    long maxBytes = seedBytes / 2;
    System.out.printf(Locale.ROOT, "seed store: %,d events, %,d bytes, written in %.0f s%n", events, seedBytes,
        fillSeconds);

    List<StepPlan> plans = List.of(new StepPlan("measured", rate, seconds, true));
    List<PhaseResult> phases = new ArrayList<>();
    List<SweepRun> sweeps = new ArrayList<>();
    try (FrameServer server = new FrameServer(PAYLOAD_BYTES);
        MemorySampler sampler = new MemorySampler()) {
      PhaseRunner runner = new PhaseRunner(server, sampler, chromium, work);
      phases.add(runner.run(LABEL, "no-sweep", plans, false, (tally, dir) -> {
        copySeed(seed, dir.resolve("data"));
        return new DataSipperReader(chromium, dir, tally, plans.size(), CaptureRules.defaults());
      }));
      phases.add(runner.run(LABEL, "sweep", plans, false, (tally, dir) -> {
        copySeed(seed, dir.resolve("data"));
        return new SweepingReader(new DataSipperReader(chromium, dir, tally, plans.size(), CaptureRules.defaults()),
            dir.resolve("data"), RetentionSettings.off().withMaxBytes(maxBytes), sweeps);
      }));
    }
    String md = markdown(command, loadAtStart, events, seedBytes, fillSeconds, maxBytes, phases, sweeps.getFirst());
    Path file = BenchFiles.writeReport(Path.of("bench/results"), "retention-" + LocalDate.now() + ".md", md);
    System.out.println();
    System.out.print(md);
    System.out.println("Report: " + file);
  }

  /** A capture with a sweep started beside it as soon as the page is loaded. */
  private static final class SweepingReader extends CaptureDelegatingReader {
    private final Path dataDir;
    private final RetentionSettings settings;
    private final List<SweepRun> results;
    private CompletableFuture<SweepRun> sweep;
    private volatile boolean closing;

    SweepingReader(DataSipperReader capture, Path dataDir, RetentionSettings settings, List<SweepRun> results) {
      super(capture);
      this.dataDir = dataDir;
      this.settings = settings;
      this.results = results;
    }

    @Override
    public void start(String pageUrl) throws Exception {
      capture.start(pageUrl);
      long before = Files.size(dataDir.resolve(EventStore.FILE_NAME));
      sweep = CompletableFuture.supplyAsync(() -> {
        long start = System.nanoTime();
        try (RetentionSweep s = new RetentionSweep(capture.store(), settings, name -> true, capture.writer(),
            Clock.systemUTC())) {
          RetentionSweep.Report report = s.sweep();
          double took = (System.nanoTime() - start) / 1e9;
          System.out.printf(Locale.ROOT, "sweep: deleted %,d events in %.1f s%n", report.deletedForSize(), took);
          return new SweepRun(report, took, before, -1, !closing);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      });
    }

    @Override
    public void close() {
      closing = true;
      SweepRun run = sweep.join(); // the store must outlive the sweep
      capture.close();
      try {
        checkpoint(dataDir.resolve(EventStore.FILE_NAME));
        results.add(new SweepRun(run.report(), run.seconds(), run.fileBytesBefore(),
            Files.size(dataDir.resolve(EventStore.FILE_NAME)), run.endedWhileCapturing()));
      } catch (IOException | SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static void copySeed(Path seed, Path dataDir) throws IOException {
    PrivateFiles.createDirectories(dataDir); // as the capture makes it: no warning about a shared directory
    Files.copy(seed.resolve(EventStore.FILE_NAME), dataDir.resolve(EventStore.FILE_NAME));
  }

  private static void checkpoint(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }

  private static String markdown(String command, String loadAtStart, long events, long seedBytes, double fillSeconds,
      long maxBytes, List<PhaseResult> phases, SweepRun sweep) {
    StringBuilder md = new StringBuilder();
    md.append("# Retention sweep under capture, ").append(LocalDate.now()).append("\n\n");
    md.append(String.format(Locale.ROOT, """
        A store of %,d events (%,.0f MB; http, ws_frame, sse and ws_open/ws_close as in bench/query, written in \
        %.0f s) is copied twice. Into each copy DataSipper captures WebSocket frames of about %d bytes from a page in \
        headless Chromium at a fixed rate (as bench/capture does): once alone, once while a retention sweep with \
        `max_size` %,.0f MB (half the store) deletes the oldest events on its own connection, in transactions of \
        1,000 events, giving the pages back with incremental vacuum. Both runs in the same JVM, one after the other. \
        Java %s, %d cores, load average %s at the start and %s at the end.

        Reproduce: `%s`

        """, events, seedBytes / 1e6, fillSeconds, PAYLOAD_BYTES, maxBytes / 1e6, Runtime.version(),
        Runtime.getRuntime().availableProcessors(), loadAtStart, Proc.loadAverage(), command));
    md.append("| Run | Rate /s | Seconds | Sent | Received | Stored | Dropped | Gaps | Pending 2 s after | Peak queue KiB"
        + " | p50 ms | p99 ms | Max ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (PhaseResult p : phases) {
      StepResult s = p.steps().getFirst();
      StepResult.StoreFigures st = s.store();
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %.0f | %.2f | %.2f | %.2f |%n",
          p.phase(), s.rate(), s.seconds(), s.sent(), s.received(), st.storedFrames(), st.droppedEvents(),
          st.gapEvents(), st.pendingAt2s(), st.writerPeakQueuedBytes() / 1024.0, s.latency().p50Ms(),
          s.latency().p99Ms(), s.latency().maxMs()));
    }
    RetentionSweep.Report r = sweep.report();
    md.append(String.format(Locale.ROOT, """

        The sweep: deleted %,d events in %.1f s (%,.0f events/s, with the capture writing beside it); %s. \
        events.db went from %,.0f MB to %,.0f MB (%,.0f MB in use after the sweep).
        """, r.deletedForSize(), sweep.seconds(), r.deletedForSize() / sweep.seconds(),
        sweep.endedWhileCapturing() ? "it ended while the capture was still running"
            : "it was still running when the capture stopped",
        sweep.fileBytesBefore() / 1e6, sweep.fileBytesAfter() / 1e6, r.usedBytes() / 1e6));
    md.append("""

        How to read it: a capture held up by the sweep would show frames not stored, dropped or gap \
        events, or events still pending 2 s after the server stopped; the peak queue is how far the store's \
        writer fell behind the capture (its bound is 100 MiB). Latency is server send to the ring buffer, \
        which is reached before the store, so it shows the machine's load more than the store's; the size \
        after the sweep includes the frames captured after it ended.
        """);
    return md.toString();
  }
}
