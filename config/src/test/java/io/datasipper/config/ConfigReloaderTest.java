package io.datasipper.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoreException;
import io.datasipper.store.UncheckedStoreException;
import io.datasipper.testkit.JsonLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running pipeline whose config file changes, over a real store and file outputs; the watcher
 * is asked to look at the file at the test's pace rather than once a second.
 */
class ConfigReloaderTest {
  private static final Source TAB = new Source("tab", null, "page", "http://127.0.0.1/");
  private static final String FRAMES = """
        - name: frames
          conditions: [{field: type, operator: equals, value: ws_frame}]
          outputs: [frames_file]
      """;

  @TempDir Path dir;
  private Path config;
  private EventStore store;
  private LivePipeline live;
  private ConfigWatcher watcher;
  private ConfigReloader reloader;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void runTheFramesStream() throws Exception {
    config = dir.resolve("datasipper.yaml");
    Files.writeString(config, "streams:\n" + FRAMES + outputs("frames_file"));
    store = EventStore.open(dir);
    ConfigSource source = ConfigSource.read(config, dir, UnaryOperator.identity());
    watcher = source.watcher();
    live = LivePipeline.start(source.config().pipeline(), store,
        this::pipelineLock, new PrintWriter(out, true),
        (to, spec, stats) -> spec.outputs().forEach(o ->
            to.println(o.name() + " delivered " + stats.output(o.name()).delivered())));
    reloader = new ConfigReloader(source, live, source.config().capture(), new PrintWriter(out, true),
        new PrintWriter(err, true));
    store(1, 10);
    awaitSeqs("frames_file", 9);
  }

  private DataDirLock pipelineLock() {
    try {
      return DataDirLock.acquire(dir, DataDirLock.Kind.PIPELINE, "deliver");
    } catch (StoreException e) {
      throw new UncheckedStoreException(e);
    }
  }

  @AfterEach
  void stop() {
    live.close();
    store.close();
  }

  @Test
  void aTransformThatDoesNotLoadIsToldOnceByItsKeyAndTheRunningStreamsGoOn() throws Exception {
    Files.writeString(config, "streams:\n" + FRAMES + """
          - name: news
            conditions: [{field: type, operator: equals, value: sse}]
            outputs: [frames_file]
            transform: "function transform(event) { return {"
        """ + outputs("frames_file"));
    watcher.check(reloader);
    watcher.check(reloader);

    assertThat(err.toString().lines()).singleElement().asString()
        .startsWith("config " + config + ": streams[1].transform: stream 'news': line 1")
        .contains("syntax error");
    assertThat(out.toString()).doesNotContain("reloaded");
    store(11, 20);
    assertThat(awaitSeqs("frames_file", 18)).containsExactlyElementsOf(frames(1, 20));
  }

  @Test
  void aValidConfigReplacesThePipelineAndANewOutputStartsWithTheLatestEvent() throws Exception {
    Files.writeString(config, "streams:\n" + FRAMES + """
          - name: news
            conditions: [{field: type, operator: equals, value: sse}]
            outputs: [news_file]
        """ + outputs("frames_file", "news_file"));
    watcher.check(reloader);
    assertThat(out.toString()).contains("config " + config + " reloaded: 2 streams, 2 outputs");
    assertThat(err.toString()).isEmpty();

    store(11, 30);
    assertThat(awaitSeqs("frames_file", 27)).containsExactlyElementsOf(frames(1, 30));
    assertThat(awaitSeqs("news_file", 2)).as("news from the reload on").containsExactly(20L, 30L);
    live.finish();
    assertThat(out.toString()).as("counted across the reload").contains("frames_file delivered 27");
  }

  @Test
  void changedCaptureSettingsAreSaidToApplyAtTheNextStart() throws IOException {
    Files.writeString(config, "capture: {bodies: {max_bytes: 1KiB}}\nstreams:\n" + FRAMES + outputs("frames_file"));
    watcher.check(reloader);
    assertThat(out.toString()).contains("config " + config + " reloaded: 1 streams, 1 outputs");
    assertThat(err.toString()).isEqualTo("config " + config + ": capture settings apply at the next start\n");
  }

  @Test
  void anEditedTransformFileAloneReloadsItsStream() throws Exception {
    Path js = dir.resolve("mark.js");
    Files.writeString(js, "function transform(e) { return {seq: e.seq, mark: 'one'}; }\n");
    Files.writeString(config, "streams:\n" + FRAMES + """
          - name: marked
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [marked_file]
            transform_file: mark.js
        """ + outputs("frames_file", "marked_file"));
    watcher.check(reloader);
    store(11, 20);
    awaitSeqs("marked_file", 9);

    Files.writeString(js, "function transform(e) { return {seq: e.seq, mark: 'two'}; }\n");
    watcher.check(reloader);
    assertThat(out.toString().lines().filter(l -> l.contains(" reloaded: 2 streams, 2 outputs"))).hasSize(2);
    store(21, 30);
    awaitSeqs("marked_file", 18);
    List<String> marks = Files.readAllLines(dir.resolve("marked_file.jsonl")).stream()
        .map(l -> l.replaceAll(".*\"mark\":\"(\\w+)\".*", "$1")).toList();
    assertThat(marks.subList(0, 9)).containsOnly("one");
    assertThat(marks.subList(9, 18)).as("frames stored after the edit").containsOnly("two");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aDeletedConfigIsToldOnceAndThePipelineGoesOn() throws Exception {
    Files.delete(config);
    for (int i = 0; i < 3; i++) {
      watcher.check(reloader);
    }
    assertThat(err.toString()).isEqualTo("config " + config + " was deleted; the pipeline goes on as it is\n");
    store(11, 20);
    awaitSeqs("frames_file", 18);
  }

  private String outputs(String... names) {
    StringBuilder yaml = new StringBuilder("outputs:\n");
    for (String name : names) {
      yaml.append("  ").append(name).append(": {type: file, path: ").append(dir.resolve(name + ".jsonl")).append("}\n");
    }
    return yaml.toString();
  }

  /** Every tenth event a server-sent event, the others WebSocket frames. */
  private void store(long from, long to) {
    Instant t0 = Instant.parse("2026-11-26T12:00:00Z");
    List<CaptureEvent> events = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      Instant at = t0.plusMillis(seq);
      String data = "{\"n\":" + seq + "}";
      events.add(seq % 10 == 0
          ? new SseEvent("e" + seq, seq, at, "r1", "http://127.0.0.1/sse", "message", null, data,
              SseEvent.Via.EVENT_SOURCE, TAB)
          : new WsFrameEvent("e" + seq, seq, at, "c1", "ws://127.0.0.1/ws", WsFrameEvent.Direction.RECEIVED,
              WsFrameEvent.Opcode.TEXT, Body.text(data, data.length(), false), data.length(), TAB));
    }
    store.insert(events);
  }

  private static List<Long> frames(long from, long to) {
    return LongStream.rangeClosed(from, to).filter(s -> s % 10 != 0).boxed().toList();
  }

  private List<Long> awaitSeqs(String output, int count) throws InterruptedException {
    return JsonLines.awaitSeqs(dir.resolve(output + ".jsonl"), count, Duration.ofSeconds(20));
  }
}
