package io.datasipper.pipeline;

import io.datasipper.store.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Replay of stored events into the file output against the raw baseline: reading the same rows
 * straight from SQLite with JDBC, in the same run. Target: replay at 50,000 events/s or more.
 *
 * <pre>
 * java -cp pipeline/target/test-classes:pipeline/target/classes:$(cat pipeline/target/cp.txt) \
 *     io.datasipper.pipeline.ReplayBench [events, 1000000]
 * </pre>
 */
public final class ReplayBench {
  private static final double TARGET_EVENTS_PER_SECOND = 50_000;

  private ReplayBench() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = Files.createTempDirectory("replay-bench");
    try {
      run(dir, events);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(Path dir, int events) throws Exception {
    Path out = dir.resolve("replay.jsonl");
    PipelineSpec spec = new PipelineSpec(
        List.of(Fixtures.stream("frames", "ws_frame", null, "file"), Fixtures.stream("calls", "http", null, "file")),
        List.of(Fixtures.file("file", out)));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      long t0 = System.nanoTime();
      Fixtures.fill(store, 1, events);
      double fillSeconds = seconds(t0);
      System.out.printf("stored %,d events in %.1f s: %,.0f events/s into SQLite%n", events, fillSeconds,
          events / fillSeconds);

      long t1 = System.nanoTime();
      long rawBytes = rawRead(dir.resolve("data").resolve(EventStore.FILE_NAME));
      double rawSeconds = seconds(t1);

      long t2 = System.nanoTime();
      PipelineStats stats = Pipeline.replay(spec, store, new Outputs(), null, null, Pipeline.ALL_EVENTS, Duration.ofHours(1));
      double replaySeconds = seconds(t2);
      long delivered = stats.output("file").delivered();

      double raw = events / rawSeconds;
      double ours = events / replaySeconds;
      System.out.printf("raw SQLite read:  %,d rows (%,d bytes of JSON) in %.2f s: %,.0f events/s%n", events, rawBytes,
          rawSeconds, raw);
      System.out.printf("replay to file:   %,d events (%,d records delivered) in %.2f s: %,.0f events/s, %.0f%% of raw%n",
          events, delivered, replaySeconds, ours, 100 * ours / raw);
      System.out.printf("target >= %,.0f events/s: %s (load average %.1f on %d cores)%n", TARGET_EVENTS_PER_SECOND,
          ours >= TARGET_EVENTS_PER_SECOND ? "PASS" : "FAIL",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
    }
  }

  /** The raw ceiling: every stored event's JSON read in seq order, nothing else. */
  private static long rawRead(Path db) throws Exception {
    long bytes = 0;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT seq, json FROM events ORDER BY seq")) {
      while (rs.next()) {
        bytes += rs.getString(2).length();
      }
    }
    return bytes;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
