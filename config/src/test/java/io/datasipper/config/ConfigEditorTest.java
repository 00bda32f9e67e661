package io.datasipper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.files.PrivateFiles;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoreException;
import io.datasipper.store.UncheckedStoreException;
import io.datasipper.testkit.JsonLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits of the config a running pipeline follows, over a real store and file outputs. */
class ConfigEditorTest {
  private static final Source TAB = new Source("tab", null, "page", "http://127.0.0.1/");

  @TempDir Path dir;
  private EventStore store;
  private LivePipeline live;
  private ConfigSource.Following following;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void stop() {
    if (following != null) {
      following.stop();
    }
    if (live != null) {
      live.close();
    }
    if (store != null) {
      store.close();
    }
  }

  @Test
  void aValidEditIsWrittenPrivatelyAndReloadedOnceAndLaterEventsReachTheNewOutput() throws Exception {
    Path config = dir.resolve("datasipper.yaml");
    Files.writeString(config, config("first"));
    ConfigEditor editor = follow(config);
    store(1, 5);
    JsonLines.awaitSeqs(dir.resolve("first.jsonl"), 5, Duration.ofSeconds(20));

    String version = editor.current().version();
    assertThat(version).isEqualTo(FileDigest.of(config));
    ConfigEditor.Saved saved = editor.save(config("second"), version);

    assertThat(saved.reload().outcome()).isEqualTo(Reload.Outcome.RELOADED);
    assertThat(saved.version()).isEqualTo(FileDigest.of(config)).isNotEqualTo(version);
    assertThat(Files.readString(config)).isEqualTo(config("second"));
    assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PrivateFiles.FILE);
    store(6, 10);
    assertThat(JsonLines.awaitSeqs(dir.resolve("second.jsonl"), 5, Duration.ofSeconds(20)))
        .containsExactly(6L, 7L, 8L, 9L, 10L);
    Thread.sleep(ConfigWatcher.POLL_INTERVAL.toMillis() * 2); // the watcher looks meanwhile, and finds nothing new
    assertThat(out.toString().lines().filter(l -> l.contains("reloaded"))).as("reloaded once").hasSize(1);
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).as("no temporary file left")
        .noneMatch(n -> n.endsWith(".tmp"));
  }

  @Test
  void anInvalidEditNamesTheFileAndKeyAndChangesNothing() throws Exception {
    Path config = dir.resolve("datasipper.yaml");
    Files.writeString(config, config("first"));
    ConfigEditor editor = follow(config);
    String version = editor.current().version();

    assertThatThrownBy(() -> editor.save(config("first").replace("type: file", "type: fiel"), version))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(config + ": outputs.out.type: unknown output type");
    assertThat(Files.readString(config)).isEqualTo(config("first"));
    assertThat(editor.current().version()).isEqualTo(version);
    assertThat(out.toString()).doesNotContain("reloaded");
  }

  @Test
  void aTransformFileResolvesBesideTheConfigFile() throws Exception {
    Path config = dir.resolve("conf/datasipper.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, config("first"));
    Files.writeString(dir.resolve("conf/mark.js"), "function transform(event) { return {seq: event.seq, marked: true}; }");
    ConfigEditor editor = follow(config);

    String withTransform = config("first").replace("    outputs: [out]\n",
        "    outputs: [out]\n    transform_file: mark.js\n");
    editor.save(withTransform, editor.current().version());
    store(1, 3);
    assertThat(JsonLines.awaitSeqs(dir.resolve("first.jsonl"), 3, Duration.ofSeconds(30))).containsExactly(1L, 2L, 3L);
    assertThat(Files.readString(dir.resolve("first.jsonl"))).contains("\"marked\":true");
  }

  @Test
  void anEditFromAStaleVersionIsRefused() throws Exception {
    Path config = dir.resolve("datasipper.yaml");
    Files.writeString(config, config("first"));
    ConfigEditor editor = follow(config);
    String read = editor.current().version();
    editor.save(config("second"), read);

    assertThatThrownBy(() -> editor.save(config("third"), read))
        .isInstanceOf(ConfigEditor.StaleVersionException.class)
        .hasMessageContaining("changed since version " + read);
    assertThat(Files.readString(config)).isEqualTo(config("second"));
  }

  @Test
  void aCommandStartedWithoutAFileWritesTheDataDirectorysAndFollowsIt() throws Exception {
    ConfigSource source = ConfigSource.read(null, dir, UnaryOperator.identity());
    start(source);
    ConfigEditor editor = new ConfigEditor(source, following);
    assertThat(editor.current().exists()).isFalse();
    assertThat(editor.current().version()).isEqualTo(ConfigEditor.NO_FILE);

    ConfigEditor.Saved saved = editor.save(config("first"), ConfigEditor.NO_FILE);
    assertThat(saved.file()).isEqualTo(dir.resolve("datasipper.yaml"));
    assertThat(saved.reload().outcome()).isEqualTo(Reload.Outcome.RELOADED);
    store(1, 3);
    JsonLines.awaitSeqs(dir.resolve("first.jsonl"), 3, Duration.ofSeconds(20));

    // Followed from now on: a save by hand is reloaded too.
    Files.writeString(dir.resolve("datasipper.yaml"), config("second"));
    for (int i = 0; i < 100 && out.toString().lines().filter(l -> l.contains("reloaded")).count() < 2; i++) {
      Thread.sleep(50);
    }
    store(4, 6);
    assertThat(JsonLines.awaitSeqs(dir.resolve("second.jsonl"), 3, Duration.ofSeconds(20))).containsExactly(4L, 5L, 6L);
  }

  @Test
  void whenTheNewPipelineCannotStartTheEditIsWrittenAndTheAnswerSaysWhy() throws Exception {
    Path config = dir.resolve("datasipper.yaml");
    Files.writeString(config, "outputs:\n  out: {type: file, path: " + dir.resolve("first.jsonl") + "}\n");
    ConfigSource source = ConfigSource.read(config, dir, UnaryOperator.identity());
    store = EventStore.open(dir);
    // As when another process delivers from the data directory: the first pipeline with streams cannot take the lock.
    live = LivePipeline.start(source.config().pipeline(), store, () -> {
      throw new ConfigException("data directory " + dir + " is in use by pid 1 (deliver)");
    }, new PrintWriter(out, true), (to, spec, stats) -> {});
    following = source.follow(live, false, new PrintWriter(out, true), new PrintWriter(err, true));
    ConfigEditor editor = new ConfigEditor(source, following);

    ConfigEditor.Saved saved = editor.save(config("first"), editor.current().version());

    assertThat(saved.reload().outcome()).isEqualTo(Reload.Outcome.NOT_STARTED);
    assertThat(saved.reload().message()).isEqualTo("config " + config + ": the new pipeline did not start (data directory "
        + dir + " is in use by pid 1 (deliver)); the previous one runs again");
    assertThat(saved.reload().streams()).as("the previous pipeline's").isZero();
    assertThat(Files.readString(config)).isEqualTo(config("first"));
    assertThat(err.toString()).contains("did not start");
  }

  private ConfigEditor follow(Path config) {
    ConfigSource source = ConfigSource.read(config, dir, UnaryOperator.identity());
    start(source);
    return new ConfigEditor(source, following);
  }

  private void start(ConfigSource source) {
    try {
      store = EventStore.open(dir);
    } catch (StoreException e) {
      throw new UncheckedStoreException(e);
    }
    live = LivePipeline.start(source.config().pipeline(), store, this::pipelineLock, new PrintWriter(out, true),
        (to, spec, stats) -> {});
    following = source.follow(live, false, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private DataDirLock pipelineLock() {
    try {
      return DataDirLock.acquire(dir, DataDirLock.Kind.PIPELINE, "deliver");
    } catch (StoreException e) {
      throw new UncheckedStoreException(e);
    }
  }

  /** One stream of every frame into the output {@code out}, a file named after {@code file}. */
  private String config(String file) {
    return """
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [out]
        outputs:
          out: {type: file, path: %s}
        """.formatted(dir.resolve(file + ".jsonl"));
  }

  private void store(long from, long to) {
    Instant t0 = Instant.parse("2026-11-26T12:00:00Z");
    List<CaptureEvent> events = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      String data = "{\"n\":" + seq + "}";
      events.add(new WsFrameEvent("e" + seq, seq, t0.plusMillis(seq), "c1", "ws://127.0.0.1/ws",
          WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT, Body.text(data, data.length(), false),
          data.length(), TAB));
    }
    store.insert(events);
  }
}
