package io.datasipper.output.redis;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import io.datasipper.output.testkit.OutputEvents;
import io.datasipper.pipeline.OutputSpec;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Our stream output against a bare Lettuce loop, same Redis, same run, 1 KB values:
 * <ul>
 *   <li><b>raw</b>: XADD of prepared field maps, pipelined, flushed and awaited every 500 commands
 *       (the pipeline's largest write), the fastest way Lettuce can do it;
 *   <li><b>pipeline</b>: events stored in SQLite, read, routed and turned to JSON by the pipeline's
 *       stage, written by its output worker through {@code type: redis, mode: stream};
 *   <li><b>output</b>: {@link RedisOutput#write} alone on batches of 500 prepared records, to tell
 *       the output's own cost from the stage's.
 * </ul>
 * Each is warmed up, then run in turns, the median taken. Writes bench/results/outputs-redis-DATE.md.
 *
 * <p>Arguments: {@code --events N} (default 100000), {@code --runs N} (default 3), {@code --url}
 * (default the Redis at 127.0.0.1:6379, else one started here), {@code --results DIR}.
 */
public final class RedisOutputBench {
  static final int BATCH = 500;
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  /** Records per second (wall clock) and this JVM's CPU time per record, all threads. */
  record Sample(double rate, double cpuMicros) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%,.0f/s %.1f µs CPU", rate, cpuMicros);
    }

    static Sample since(long startNanos, long startCpuNanos, long records) {
      return new Sample(records / seconds(startNanos), (OS.getProcessCpuTime() - startCpuNanos) / 1e3 / records);
    }
  }
  static final int VALUE_BYTES = 1024;

  private final String url;
  private final int events;
  private final Path work;
  private final List<OutputRecord> records;
  private final List<Map<String, String>> rawBodies;

  private RedisOutputBench(String url, int events, Path work) {
    this.url = url;
    this.events = events;
    this.work = work;
    this.records = new ArrayList<>(events);
    this.rawBodies = new ArrayList<>(events);
    for (long seq = 1; seq <= events; seq++) {
      CaptureEvent e = event(seq);
      OutputRecord r = new OutputRecord("frames", seq, e.id(), "conn-1", EventJson.mapper().valueToTree(e));
      records.add(r);
      Map<String, String> body = new LinkedHashMap<>();
      body.put("event", r.value().toString());
      body.put("stream", r.stream());
      body.put("type", "ws_frame");
      body.put("event_id", r.eventId());
      rawBodies.add(body);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    int events = Integer.parseInt(opts.getOrDefault("events", "100000"));
    int runs = Integer.parseInt(opts.getOrDefault("runs", "3"));
    String url = opts.containsKey("url") ? opts.get("url") : SharedRedis.url();
    Path results = Path.of(opts.getOrDefault("results", findResultsDir().toString()));
    Path work = Files.createTempDirectory("redis-bench");
    String loadBefore = loadAverage();

    RedisOutputBench bench = new RedisOutputBench(url, events, work);
    System.out.printf("value size %d bytes, %d events, Redis %s%n", EventJson.write(event(1)).length(), events, url);
    bench.storeEvents();
    bench.raw(Math.min(events, 20_000));
    bench.outputOnly(Math.min(events, 20_000));
    bench.pipeline(Math.min(events, 20_000), "warmup");
    bench.stageOnly(Math.min(events, 20_000), "warmup-discard");
    Sample[] raw = new Sample[runs];
    Sample[] output = new Sample[runs];
    Sample[] pipeline = new Sample[runs];
    Sample[] stage = new Sample[runs];
    for (int i = 0; i < runs; i++) {
      raw[i] = bench.raw(events);
      output[i] = bench.outputOnly(events);
      pipeline[i] = bench.pipeline(events, "run" + i);
      stage[i] = bench.stageOnly(events, "discard" + i);
      System.out.printf("run %d: raw %s, output %s, pipeline %s, stage alone %s%n", i + 1, raw[i], output[i],
          pipeline[i], stage[i]);
    }
    String report = report(bench, url, runs, raw, output, pipeline, stage, loadBefore, loadAverage());
    Files.createDirectories(results);
    Path file = results.resolve("outputs-redis-" + LocalDate.now() + ".md");
    Files.writeString(file, report);
    System.out.println(report);
    System.out.println("written to " + file.toAbsolutePath());
    System.exit(0); // a Redis started here is stopped by its shutdown hook
  }

  /** A WebSocket frame whose documented JSON is {@link #VALUE_BYTES} long. */
  static CaptureEvent event(long seq) {
    int padding = Math.max(0, VALUE_BYTES - EventJson.write(frame(seq, "")).length());
    return frame(seq, "x".repeat(padding));
  }

  private static CaptureEvent frame(long seq, String pad) {
    return SampleEvents.frame(seq, "conn-1", "{\"n\":" + seq + ",\"pad\":\"" + pad + "\"}");
  }

  private void storeEvents() throws Exception {
    try (EventStore store = EventStore.open(work.resolve("data"))) {
      List<CaptureEvent> batch = new ArrayList<>();
      for (long seq = 1; seq <= events; seq++) {
        batch.add(event(seq));
        if (batch.size() == 1_000) {
          store.insert(batch);
          batch = new ArrayList<>();
        }
      }
      store.insert(batch);
    }
  }

  /** Bare Lettuce: the same entries as our stream output writes, prepared before the clock starts. */
  private Sample raw(int count) throws Exception {
    List<Map<String, String>> bodies = rawBodies.subList(0, count);
    RedisClient client = RedisClient.create(url);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      c.setAutoFlushCommands(false);
      RedisAsyncCommands<String, String> redis = c.async();
      System.gc(); // garbage of the run before is not this run's cost
      long cpu = OS.getProcessCpuTime();
      long start = System.nanoTime();
      for (int from = 0; from < count; from += BATCH) {
        List<RedisFuture<String>> sent = new ArrayList<>(BATCH);
        for (Map<String, String> body : bodies.subList(from, Math.min(count, from + BATCH))) {
          sent.add(redis.xadd("bench:raw", body));
        }
        c.flushCommands();
        for (RedisFuture<String> f : sent) {
          f.get(10, TimeUnit.SECONDS);
        }
      }
      Sample sample = Sample.since(start, cpu, count);
      clear(c, "bench:raw");
      return sample;
    } finally {
      client.shutdown();
    }
  }

  /** Our output's write alone, on the batches the worker would hand it. */
  private Sample outputOnly(int count) throws Exception {
    Output output = new RedisOutputFactory().create("bench", Map.of("url", url, "mode", "stream", "key", "bench:output"));
    output.start();
    try {
      System.gc(); // garbage of the run before is not this run's cost
      long cpu = OS.getProcessCpuTime();
      long start = System.nanoTime();
      for (int from = 0; from < count; from += BATCH) {
        WriteResult result = output.write(records.subList(from, Math.min(count, from + BATCH)));
        if (result.outcome() != WriteResult.Outcome.ALL_DELIVERED) {
          throw new IllegalStateException("bench write failed: " + result);
        }
      }
      return Sample.since(start, cpu, count);
    } finally {
      output.stop();
      clear("bench:output");
    }
  }

  /** The whole path: stored events to Redis through the pipeline, timed from start to drained. */
  private Sample pipeline(int count, String name) throws Exception {
    return pipeline(count, name, "redis", Map.of("url", url, "mode", "stream", "key", "bench:pipeline"));
  }

  /** The pipeline to an output that drops everything: what the stage alone can feed an output. */
  private Sample stageOnly(int count, String name) throws Exception {
    return pipeline(count, name, "discard", Map.of());
  }

  private Sample pipeline(int count, String name, String type, Map<String, Object> settings) throws Exception {
    PipelineSpec spec = new PipelineSpec(List.of(OutputEvents.stream("frames", "ws_frame", name)),
        List.of(new OutputSpec(name, type, true, settings)));
    try (EventStore store = EventStore.open(work.resolve("data"))) {
      System.gc(); // garbage of the run before is not this run's cost
      long cpu = OS.getProcessCpuTime();
      long start = System.nanoTime();
      Pipeline p = Pipeline.start(spec, store, new Outputs(), null);
      if (count < events) {
        waitFor(() -> p.stats().output(name).delivered() >= count);
        p.close();
      } else if (!p.drain(Duration.ofMinutes(5))) {
        throw new IllegalStateException("the pipeline did not drain in 5 minutes");
      }
      Sample sample = Sample.since(start, cpu, p.stats().output(name).delivered());
      clear("bench:pipeline");
      return sample;
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
    while (!done.getAsBoolean()) {
      Thread.sleep(1);
    }
  }

  private void clear(String key) {
    RedisClient client = RedisClient.create(url);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      clear(c, key);
    } finally {
      client.shutdown();
    }
  }

  private static void clear(StatefulRedisConnection<String, String> c, String key) {
    c.setAutoFlushCommands(true);
    c.sync().del(key);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static String report(RedisOutputBench b, String url, int runs, Sample[] raw, Sample[] output,
      Sample[] pipeline, Sample[] stage, String loadBefore, String loadAfter) {
    double r = median(raw, Sample::rate);
    double p = median(pipeline, Sample::rate);
    StringBuilder md = new StringBuilder();
    md.append("# Redis output benchmark, ").append(LocalDate.now()).append("\n\n");
    md.append("Stream mode (XADD) of ").append(String.format(Locale.ROOT, "%,d", b.events))
        .append(" events with 1 KB JSON values (").append(EventJson.write(event(1)).length())
        .append(" bytes) to ").append(io.datasipper.api.output.RedactedUrl.of(url)).append(", median of ").append(runs)
        .append(" runs after a warm-up, in turns in one JVM. CPU is this JVM's (all threads) per record;")
        .append(" Redis's own CPU is not counted.\n\n");
    md.append("| path | records/s | vs raw | JVM CPU µs/record |\n| --- | ---: | ---: | ---: |\n");
    md.append(row("raw Lettuce: pipelined XADD, flush + await every " + BATCH, raw, r));
    md.append(row("our output alone: RedisOutput.write, batches of " + BATCH, output, r));
    md.append(row("**pipeline: SQLite store -> stage -> worker -> our output**", pipeline, r));
    md.append(row("pipeline to a discarding output (the stage's own ceiling)", stage, r));
    md.append("\nPer run (records/s): raw ").append(list(raw)).append("; output ").append(list(output))
        .append("; pipeline ").append(list(pipeline)).append("; stage alone ").append(list(stage)).append(".\n\n");
    md.append("Target: pipeline >= 80% of raw: **").append(p / r >= 0.8 ? "PASS" : "FAIL").append("** (")
        .append(String.format(Locale.ROOT, "%.0f%%", 100 * p / r)).append(").\n\n");
    md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
        .append(Runtime.version()).append("; load average (1, 5, 15 min) before ").append(loadBefore)
        .append(", after ").append(loadAfter).append(".\n\n");
    md.append("Command:\n\n```\nexport JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64\n")
        .append("mvn -B -q -pl output-redis -am install -DskipTests\n")
        .append("mvn -B -q -pl output-redis dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt\n")
        .append("$JAVA_HOME/bin/java -cp output-redis/target/test-classes:output-redis/target/classes:$(cat output-redis/target/cp.txt) \\\n")
        .append("  io.datasipper.output.redis.RedisOutputBench --events ").append(b.events).append(" --runs ").append(runs)
        .append("\n```\n");
    return md.toString();
  }

  private static String row(String name, Sample[] samples, double raw) {
    double rate = median(samples, Sample::rate);
    return String.format(Locale.ROOT, "| %s | %,.0f | %.0f%% | %.1f |%n", name, rate, 100 * rate / raw,
        median(samples, Sample::cpuMicros));
  }

  private static String list(Sample[] samples) {
    return String.join(", ", Arrays.stream(samples).map(x -> String.format(Locale.ROOT, "%,.0f", x.rate())).toList());
  }

  private static double median(Sample[] samples, java.util.function.ToDoubleFunction<Sample> value) {
    double[] sorted = Arrays.stream(samples).mapToDouble(value).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static Path findResultsDir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("bench")) && Files.exists(p.resolve("pom.xml"))) {
        return p.resolve("bench/results");
      }
    }
    return Path.of("bench/results");
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    return opts;
  }
}
