package io.datasipper.output.kafka;

import io.datasipper.api.output.OutputRecord;
import io.datasipper.kafka.broker.EmbeddedKafka;
import io.datasipper.store.EventStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Kafka output benchmark, each path against the raw client doing the same job with the same
 * settings, on the same in-process broker in the same run: our output's writes against a bare
 * KafkaProducer loop over records in memory, and the pipeline (store to Kafka) against a
 * hand-written loop reading the same SQLite store into a bare KafkaProducer; then end-to-end
 * latency at a steady rate. Writes a Markdown report.
 *
 * <pre>
 * --messages 200000  --value-bytes 1024  --partitions 3  --rounds 7
 * --rate 1000  --latency-seconds 20  --warmup-seconds 2
 * --work output-kafka/target/bench-work  --out bench/results/outputs-kafka-DATE.md
 * </pre>
 */
public final class KafkaOutputBench {
  /** The benchmark's producer settings, the output's defaults: acks=all (idempotent), linger 5 ms, batches of 256 KB. */
  static final Map<String, Object> SETTINGS = Map.of("acks", "all", "linger_ms", 5,
      "batch_size", ProducerSettings.DEFAULT_BATCH_BYTES, "compression", "none");
  /** The same with batches of 64 KB, the size common in Kafka tuning guides: the raw loop and the output's writes also run with these. */
  static final Map<String, Object> SMALL_BATCH_SETTINGS = Map.of("acks", "all", "linger_ms", 5,
      "batch_size", 65_536, "compression", "none");
  static final String SMALL_BATCH_LABEL = ", 64 KB batches";

  private KafkaOutputBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = options(args);
    int messages = Integer.parseInt(opt.get("messages"));
    int valueBytes = Integer.parseInt(opt.get("value-bytes"));
    int partitions = Integer.parseInt(opt.get("partitions"));
    int rounds = Integer.parseInt(opt.get("rounds"));
    Path work = Path.of(opt.get("work")).toAbsolutePath();
    Path out = Path.of(opt.get("out"));
    deleteTree(work);
    Files.createDirectories(work);

    BenchReport report = new BenchReport(opt, String.join(" ", args));
    say("work folder " + work + "; load average " + LoadAverage.oneMinute());
    try (EmbeddedKafka kafka = new EmbeddedKafka(work.resolve("broker"), 0, Map.of())) {
      long t0 = System.nanoTime();
      kafka.start();
      report.brokerStartMs = (System.nanoTime() - t0) / 1_000_000;
      say("broker at " + kafka.bootstrapServers() + " in " + report.brokerStartMs + " ms");

      BenchData data = new BenchData(valueBytes);
      ThroughputRuns runs = new ThroughputRuns(kafka, SETTINGS, partitions);
      ThroughputRuns smallBatches = new ThroughputRuns(kafka, SMALL_BATCH_SETTINGS, partitions, SMALL_BATCH_LABEL);
      try (EventStore store = EventStore.open(work.resolve("store"))) {
        long s0 = System.nanoTime();
        data.store(store, 1, messages);
        say("stored " + messages + " events in " + (System.nanoTime() - s0) / 1_000_000 + " ms");
        // Every path sends the same messages: the stored frames, as the pipeline reads them.
        List<OutputRecord> records = BenchData.storedRecords(store, "frames");
        report.valueBytes = ThroughputRuns.valueBytes(records);

        // Every path runs once unmeasured, with all the messages: a raw loop measured cold was half
        // as fast as warm, which made the first round's ratios say more about the JIT than the paths.
        report.warmupMessages = records.size();
        say("warm-up: " + records.size() + " messages each way");
        Path database = work.resolve("store").resolve(EventStore.FILE_NAME);
        runs.raw("warmup-raw", 0, records);
        runs.rawFromStore("warmup-raw-store", 0, database, messages);
        runs.output("warmup-output", 0, records);
        runs.pipeline("warmup-pipeline", 0, store, messages);
        runs.pipelineDiscarding("warmup-discard", 0, store, messages);
        smallBatches.raw("warmup-raw-small", 0, records);
        smallBatches.output("warmup-output-small", 0, records);

        List<Measured> paths = List.of(
            round -> runs.raw("bench-raw-" + round, round, records),
            round -> runs.rawFromStore("bench-raw-store-" + round, round, database, messages),
            round -> runs.output("bench-output-" + round, round, records),
            round -> runs.pipeline("bench-pipeline-" + round, round, store, messages),
            round -> runs.pipelineDiscarding("bench-discard-" + round, round, store, messages),
            round -> smallBatches.raw("bench-raw-small-" + round, round, records),
            round -> smallBatches.output("bench-output-small-" + round, round, records));
        for (int round = 1; round <= rounds; round++) {
          // The order rotates, so no path always follows the same one (and inherits its leftovers).
          for (int i = 0; i < paths.size(); i++) {
            settle();
            report.add(say(paths.get((i + round - 1) % paths.size()).run(round)));
          }
        }
      }

      say("latency: " + opt.get("rate") + " events/s for " + opt.get("latency-seconds") + " s");
      int seconds = Integer.parseInt(opt.get("latency-seconds"));
      int warmupSeconds = Integer.parseInt(opt.get("warmup-seconds"));
      report.latency = new LatencyRun(kafka, SETTINGS, data, Integer.parseInt(opt.get("rate")), seconds, warmupSeconds,
          partitions).run(work.resolve("latency-store"), seconds, warmupSeconds);
      say(report.latency.toString());
    }
    String markdown = report.markdown();
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    Files.writeString(out, markdown);
    System.out.println(markdown);
    say("report written to " + out);
  }

  /** One measured path of a round. */
  private interface Measured {
    ThroughputRuns.Run run(int round) throws Exception;
  }

  /**
   * Starts a measured path from a quiet machine: a full collection, so it pays for no garbage of the
   * path before, and {@code sync}, so the kernel is not writing out the broker's earlier log
   * segments on the same two cores meanwhile.
   */
  private static void settle() throws IOException, InterruptedException {
    System.gc();
    Process sync = new ProcessBuilder("sync").inheritIO().start();
    if (sync.waitFor() != 0) {
      throw new IOException("sync failed with exit code " + sync.exitValue());
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opt = new LinkedHashMap<>();
    opt.put("messages", "200000");
    opt.put("value-bytes", "1024");
    opt.put("partitions", "3");
    opt.put("rounds", "7");
    opt.put("rate", "1000");
    opt.put("latency-seconds", "20");
    opt.put("warmup-seconds", "2");
    opt.put("work", "output-kafka/target/bench-work");
    opt.put("out", "bench/results/outputs-kafka-" + LocalDate.now(ZoneOffset.UTC) + ".md");
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (name == null || !opt.containsKey(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown or incomplete option " + args[i] + "; options: " + opt.keySet());
      }
      opt.put(name, args[++i]);
    }
    return opt;
  }

  private static <T> T say(T what) {
    System.out.println("[kafka-bench] " + what);
    return what;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
    }
    for (Path p : paths) {
      Files.delete(p);
    }
  }
}
