package io.datasipper.pipeline;

import io.datasipper.api.event.EventStamps;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import io.datasipper.transform.JsTransforms;
import io.datasipper.transform.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Captures 180 events through the store writer while a transform that keeps 8 MiB of every call
 * in a global runs beside a plain stream of frames. Run by {@link TransformMemoryTest} in a JVM of
 * a small heap, so that without a memory limit the transform fills it within a few dozen events.
 * Writes what it saw to {@code result.properties} in the directory given.
 */
public final class HoardingRun {
  static final String HOARDER = """
      const kept = [];
      function transform(e) {
        kept.push(new Array(1 << 20).fill(e.seq + 0.5));
        return {seq: e.seq};
      }""";
  static final int EVENTS = 180;
  static final List<String> WATCHED_THREADS = List.of("datasipper-store-writer", "datasipper-stage",
      "datasipper-stage-calls", "datasipper-output-hoard", "datasipper-output-plain");

  private HoardingRun() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    List<String> died = Collections.synchronizedList(new ArrayList<>());
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> died.add(t.getName() + ": " + e));
    Properties result = new Properties();
    try {
      run(dir, result);
    } catch (Throwable e) {
      result.setProperty("error", e.toString());
    }
    result.setProperty("died", String.join("; ", died));
    try (var out = Files.newBufferedWriter(dir.resolve("result.properties"))) {
      result.store(out, null);
    }
    System.exit(0);
  }

  private static void run(Path dir, Properties result) throws Exception {
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("calls", "http", HOARDER, "hoard"),
        Fixtures.stream("frames", "ws_frame", null, "plain")),
        List.of(Fixtures.file("hoard", dir.resolve("hoard.jsonl")), Fixtures.file("plain", dir.resolve("plain.jsonl"))));
    try (JsTransforms js = new JsTransforms(); EventStore store = EventStore.open(dir.resolve("data"))) {
      org.slf4j.LoggerFactory.getLogger(HoardingRun.class).info("engine ready");
      TransformCompiler compiler = TransformIsolationTest.compiler(js, Limits.DEFAULT);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), compiler);
      StoreWriter writer = new StoreWriter(store, new RingBuffer(), new EventStamps(EVENTS + 1),
          StoreWriter.Settings.defaults());
      for (long seq = 1; seq <= EVENTS; seq++) {
        writer.accept(Fixtures.event(seq));
        if (seq % 10 == 0) {
          Thread.sleep(5); // live capture: the pipeline runs while events come in
        }
      }
      Set<String> alive = new TreeSet<>();
      Thread.getAllStackTraces().keySet().forEach(t -> alive.add(t.getName()));
      result.setProperty("missing_threads", String.join(",",
          WATCHED_THREADS.stream().filter(n -> !alive.contains(n)).toList()));
      writer.close();
      result.setProperty("written", Long.toString(writer.stats().written()));
      org.slf4j.LoggerFactory.getLogger(HoardingRun.class).info("all {} events written", EVENTS);
      result.setProperty("drained", Boolean.toString(pipeline.drain(Duration.ofSeconds(120))));
      org.slf4j.LoggerFactory.getLogger(HoardingRun.class).info("drained");
    }
  }
}
