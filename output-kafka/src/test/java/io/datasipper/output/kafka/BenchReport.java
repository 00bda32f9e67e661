package io.datasipper.output.kafka;

import io.datasipper.kafka.broker.EmbeddedKafka;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The benchmark's Markdown report: targets first, then every run with the load it ran under. */
final class BenchReport {
  static final double RATIO_TARGET = 0.80;
  static final double P99_TARGET_MS = 50;
  private static final String RAW = ThroughputRuns.RAW;
  private static final String RAW_FROM_STORE = ThroughputRuns.RAW_FROM_STORE;
  private static final String WRITE_PATH = ThroughputRuns.WRITE_PATH;
  private static final String PIPELINE = ThroughputRuns.PIPELINE;
  private static final String DISCARD = ThroughputRuns.DISCARD;
  private static final String SMALL = KafkaOutputBench.SMALL_BATCH_LABEL;
  static final String COMMAND = """
      export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
      mvn -B -q -pl output-kafka -am install -DskipTests
      mvn -B -q -pl output-kafka dependency:build-classpath -Dmdep.includeScope=test \\
          -Dmdep.outputFile=target/test-classpath.txt
      $JAVA_HOME/bin/java -Xms4g -Xmx4g -XX:+AlwaysPreTouch \\
          --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \\
          -cp output-kafka/target/test-classes:output-kafka/target/classes:$(cat output-kafka/target/test-classpath.txt) \\
          io.datasipper.output.kafka.KafkaOutputBench""";

  private final Map<String, String> options;
  private final String args;
  private final List<ThroughputRuns.Run> runs = new ArrayList<>();
  long brokerStartMs;
  int valueBytes;
  int warmupMessages;
  LatencyRun.Result latency;

  BenchReport(Map<String, String> options, String args) {
    this.options = options;
    this.args = args;
  }

  void add(ThroughputRuns.Run run) {
    runs.add(run);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Kafka output benchmark, ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
    md.append("One JVM runs a single-node KRaft broker (`EmbeddedKafka`, 127.0.0.1, ").append(options.get("partitions"))
        .append(" partitions per topic) and sends ").append(options.get("messages")).append(" WebSocket-frame records of ")
        .append(valueBytes).append(" bytes of JSON, keyed by connection (8 connections), in each round through each of these paths, to a fresh topic:\n\n")
        .append("- **raw**: a bare `KafkaProducer` loop over records made before the clock starts, with callbacks, ")
        .append("one flush at the end: the baseline for the output's writes.\n")
        .append("- **raw from the store**: a hand-written loop that reads the stored rows with plain JDBC, ")
        .append(ThroughputRuns.STORE_PAGE).append(" at a time, and sends each with the same key, value and headers ")
        .append("through a bare `KafkaProducer`, with callbacks, one flush at the end, all on one thread: the baseline for the pipeline.\n")
        .append("- **write path**: `KafkaOutput`'s writes as the pipeline's output worker makes them, minus the cursor saves: ")
        .append(ThroughputRuns.CHUNK).append(" records each, ").append(KafkaOutputFactory.MAX_WRITES_IN_FLIGHT)
        .append(" started before the oldest is awaited (each is awaited until the broker has acknowledged all its records).\n")
        .append("- **pipeline**: `Pipeline.start` over a SQLite store already holding the events, until drained: ")
        .append("read, route, output worker, `KafkaOutput`, cursor saves. The same pipeline with an output ")
        .append("that discards every batch shows what the pipeline itself carries on this machine: the ceiling for ")
        .append("the pipeline row, whatever the output.\n")
        .append("- **raw** and **write path** once more with batches of ")
        .append(KafkaOutputBench.SMALL_BATCH_SETTINGS.get("batch_size")).append(" bytes instead of the output's default ")
        .append(KafkaOutputBench.SETTINGS.get("batch_size")).append(", for information.\n\n")
        .append("Every path sends the same messages: the stored frames as the pipeline reads them, UTF-8 JSON, with the ")
        .append("output's headers. All use the same producer settings (made by the output's own `ProducerSettings`): acks=all, ")
        .append("idempotent, linger 5 ms, batches of ").append(KafkaOutputBench.SETTINGS.get("batch_size"))
        .append(" bytes (the output's default), no compression; the raw loop keeps Kafka's default timeouts, ")
        .append("since it queues far more than one write's records ahead. A warm-up of ").append(warmupMessages)
        .append(" messages through every path runs first. Before each measured path the bench runs a full garbage ")
        .append("collection and `sync`, so no path pays for the garbage or the disk writes of the one before, and the ")
        .append("order of the paths rotates from round to round. The JVM's heap is fixed and pre-touched ")
        .append("(`-Xms4g -Xmx4g -XX:+AlwaysPreTouch`).\n\n")
        .append("Latency: events handed at a steady rate to the capture's sink (the store writer, default settings: batches of up to 100, ")
        .append("at most 10 ms of waiting) while the pipeline runs live; each is timed from that hand-over to the Kafka write that ")
        .append("carried it being acknowledged by the broker, ")
        .append("split at the moment that write began. Baseline: a bare producer sending the same records at the same ")
        .append("rate, one `send` each, timed to its callback. The first ").append(options.get("warmup-seconds"))
        .append(" s of each are left out.\n\n");
    md.append("The machine is shared (2 cores; other work may run at the same time): compare the ratios ")
        .append("within one run, and read each figure with the load average beside it.\n\n")
        .append("Reproduce from the repository root (arguments: `--messages --value-bytes --partitions --rounds --rate ")
        .append("--latency-seconds --warmup-seconds --work --out`):\n\n```\n").append(COMMAND).append("\n```\n\n");
    targets(md);
    networkThread(md);
    throughput(md);
    latency(md);
    md.append("\n## Setup\n\n")
        .append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
        .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores, max heap ")
        .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB\n")
        .append("- Kafka clients and broker ").append(org.apache.kafka.common.utils.internals.AppInfoParser.getVersion())
        .append("; broker started in ").append(brokerStartMs).append(" ms\n")
        .append("- Options: `").append(options).append("`\n")
        .append("- Arguments given: `").append(args.isEmpty() ? "(none)" : args).append("`\n");
    return md.toString();
  }

  private void targets(StringBuilder md) {
    md.append("## Targets\n\nEach path against the raw client doing the same job: the output's writes against the raw ")
        .append("loop over records in memory; the pipeline, which reads the events back from the store, against the raw ")
        .append("loop reading the same store.\n\n| Target | Required | Measured | Result |\n|---|---|---|---|\n");
    target(md, "Kafka output (its writes, as the pipeline makes them) vs raw producer loop", WRITE_PATH, RAW);
    target(md, "pipeline, store to Kafka, vs raw loop from the same store", PIPELINE, RAW_FROM_STORE);
    information(md, "pipeline vs raw producer loop over records in memory", PIPELINE, RAW);
    information(md, "raw loop from the store vs raw loop over records in memory", RAW_FROM_STORE, RAW);
    information(md, "Kafka output vs raw producer loop, both with 64 KB batches", WRITE_PATH + SMALL, RAW + SMALL);
    information(md, "raw producer loop with 64 KB batches vs with the default", RAW + SMALL, RAW);
    md.append(String.format(Locale.ROOT, "| pipeline vs raw loop from the store, msgs per CPU second outside the broker's"
        + " threads | - | %.1f%% | (information) |%n",
        medianRatio(PIPELINE, RAW_FROM_STORE, ThroughputRuns.Run::perClientCpuSecond) * 100));
    md.append(String.format(Locale.ROOT, "| pipeline to Kafka vs pipeline discarding (the pipeline's own ceiling) | - | %.1f%% |"
        + " (information) |%n", medianRatio(PIPELINE, DISCARD, ThroughputRuns.Run::perSecond) * 100));
    if (latency != null) {
      md.append(String.format(Locale.ROOT, "| latency captured -> acknowledged at %d/s | p99 <= %.0f ms | p50 %.2f ms, p99 %.2f ms | **%s** |%n",
          latency.ratePerSecond(), P99_TARGET_MS, latency.total().p50(), latency.total().p99(),
          latency.missing() == 0 && latency.total().p99() <= P99_TARGET_MS ? "PASS" : "FAIL"));
    }
  }

  /** Medians over rounds of what the producer's network thread did in the paths that keep it open long enough to read. */
  private void networkThread(StringBuilder md) {
    md.append("\n## The producer's network thread\n\nMedians over rounds: how many times it went round its loop ")
        .append("(each pass ends in one `select`) and its CPU time, for the raw loop and the output's writes at each ")
        .append("batch size. The output sends each write's records in a burst and then waits for their acknowledgements; ")
        .append("the raw loop keeps the producer's buffer full.\n\n")
        .append("| Path | Passes per 1,000 msgs | CPU s |\n|---|---|---|\n");
    for (String path : List.of(RAW, WRITE_PATH, RAW + SMALL, WRITE_PATH + SMALL)) {
      md.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f |%n", path,
          median(path, r -> r.networkThreadPasses() * 1000.0 / r.messages()),
          median(path, r -> r.networkThreadCpuNanos() / 1e9)));
    }
  }

  private double median(String path, ToDoubleFunction<ThroughputRuns.Run> value) {
    return median(runs.stream().filter(r -> r.path().equals(path)).mapToDouble(value).sorted().toArray());
  }

  private void throughput(StringBuilder md) {
    md.append("\n## Throughput\n\nCPU s is this JVM's CPU time (broker included) during the run; per CPU second, ")
        .append("the paths compare with less noise from the other work on the machine. Broker CPU s is the part the ")
        .append("broker's threads used: it changes from run to run far more than the clients' part, and where it is ")
        .append("small the clients' own costs weigh more in the ratios. Each path is compared with its raw loop in the ")
        .append("same round: the pipeline's with the raw loop from the store, the others' with the raw loop over records ")
        .append("in memory with the same batch size. Sender CPU s and passes are the producer's network thread's CPU ")
        .append("time and how many times it went round its loop, per 1,000 messages (- where the path closes its ")
        .append("producer before they can be read).\n\n")
        .append("| Round | Path | Messages | Seconds | Msgs/s | MB/s | vs its raw loop | CPU s | Broker CPU s | Sender CPU s ")
        .append("| Sender passes per 1,000 msgs | Msgs per CPU s ")
        .append("| vs its raw loop (CPU) | Load before | Load after |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (ThroughputRuns.Run r : runs) {
      ThroughputRuns.Run raw = first(r.baseline(), r.round());
      md.append(String.format(Locale.ROOT, "| %d | %s | %d | %.2f | %.0f | %.1f | %s | %.2f | %.2f | %s | %s | %.0f | %s | %.2f | %.2f |%n",
          r.round(), r.path(), r.messages(), r.nanos() / 1e9, r.perSecond(), r.perSecond() * valueBytes / 1e6,
          raw == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.perSecond() / raw.perSecond()),
          r.cpuNanos() / 1e9, r.brokerCpuNanos() / 1e9,
          r.networkThreadCpuNanos() < 0 ? "-" : String.format(Locale.ROOT, "%.2f", r.networkThreadCpuNanos() / 1e9),
          r.networkThreadPasses() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", r.networkThreadPasses() * 1000.0 / r.messages()),
          r.perCpuSecond(),
          raw == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.perCpuSecond() / raw.perCpuSecond()),
          r.loadBefore(), r.loadAfter()));
    }
  }

  private void latency(StringBuilder md) {
    if (latency == null) {
      return;
    }
    LatencyRun.Result l = latency;
    md.append(String.format(Locale.ROOT, "%n## Latency at %d events/s for %d s (first %d s left out; %d not acknowledged;"
        + " load %.2f before, %.2f after)%n%n", l.ratePerSecond(), l.seconds(), l.warmupSeconds(), l.missing(),
        l.loadBefore(), l.loadAfter()))
        .append("| Measure | Count | p50 ms | p90 ms | p99 ms | p99.9 ms | Max ms |\n|---|---|---|---|---|---|---|\n");
    List<Distribution> all = new ArrayList<>(l.pipeline());
    all.add(l.raw());
    for (Distribution d : all) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", d.name(), d.count(),
          d.p50(), d.p90(), d.p99(), d.p999(), d.max()));
    }
  }

  private void target(StringBuilder md, String what, String path, String baseline) {
    double ratio = medianRatio(path, baseline, ThroughputRuns.Run::perSecond);
    md.append(String.format(Locale.ROOT, "| %s, msgs/s | >= %.0f%% | %.1f%% (median of rounds; per CPU second %.1f%%) |"
        + " **%s** |%n", what, RATIO_TARGET * 100, ratio * 100,
        medianRatio(path, baseline, ThroughputRuns.Run::perCpuSecond) * 100, ratio >= RATIO_TARGET ? "PASS" : "FAIL"));
  }

  private void information(StringBuilder md, String what, String path, String baseline) {
    md.append(String.format(Locale.ROOT, "| %s, msgs/s | - | %.1f%% (median of rounds; per CPU second %.1f%%) |"
        + " (information) |%n", what, medianRatio(path, baseline, ThroughputRuns.Run::perSecond) * 100,
        medianRatio(path, baseline, ThroughputRuns.Run::perCpuSecond) * 100));
  }

  private ThroughputRuns.Run first(String path, int round) {
    return runs.stream().filter(r -> r.round() == round && r.path().equals(path)).findFirst().orElse(null);
  }

  /** The median over rounds of a path's rate over a baseline's rate in the same round. */
  private double medianRatio(String path, String baseline, ToDoubleFunction<ThroughputRuns.Run> rate) {
    return median(runs.stream().filter(r -> r.path().equals(path) && first(baseline, r.round()) != null)
        .mapToDouble(r -> rate.applyAsDouble(r) / rate.applyAsDouble(first(baseline, r.round()))).sorted().toArray());
  }

  /** The median of values in ascending order; NaN if there are none. */
  private static double median(double[] sorted) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
