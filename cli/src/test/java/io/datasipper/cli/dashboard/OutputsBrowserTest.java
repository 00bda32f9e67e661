package io.datasipper.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.config.ConfigSource;
import io.datasipper.config.LivePipeline;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.PluginFolder;
import io.datasipper.server.ApiParts;
import io.datasipper.server.LocalServer;
import io.datasipper.server.ServerSources;
import io.datasipper.server.outputs.OutputTypesPart;
import io.datasipper.server.ui.UiPart;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreException;
import io.datasipper.store.StoreWriter;
import io.datasipper.store.UncheckedStoreException;
import io.datasipper.testkit.SampleEvents;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outputs and dead letters as a user meets them, in a real headless Chromium over the server
 * {@code serve --deliver} runs (its API parts, a real store and the pipeline its config describes):
 * an output added through the form, bound to a stream, receives that stream's records while events
 * arrive; a bad value is refused with the CLI's message beside its field; a record the destination
 * refused is listed among the dead letters and, sent back, delivered, or discarded.
 */
class OutputsBrowserTest {
  /** Generous: the machine is shared, and a save reloads the pipeline. */
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String STREAMS = """
      streams:
        - name: frames
          conditions: [{field: type, operator: equals, value: ws_frame}]
        - name: calls
          conditions: [{field: type, operator: equals, value: http}]
      """;
  @TempDir Path dir;
  private Served served;

  @AfterEach
  void stop() {
    if (served != null) {
      served.close();
    }
  }

  @Test
  void aFileOutputAddedThroughTheFormReceivesTheRecordsOfTheStreamBoundToIt() throws Exception {
    served = Served.start(dir, STREAMS);
    Path file = dir.resolve("frames.jsonl");
    try (ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
        PageDriver page = PageDriver.launch(dir.resolve("profile"))) {
      traffic.scheduleAtFixedRate(served::nextEvent, 0, 50, TimeUnit.MILLISECONDS);
      openOutputsPage(page, served.server.dashboardUrl().toString());
      page.waitFor("document.querySelector('[data-testid=add-output]')?.disabled === false", JsonNode::asBoolean, WAIT);
      assertThat(page.evaluate("document.querySelector('[data-testid=outputs-table]').innerText").asText())
          .contains("No outputs yet");

      page.click("[data-testid=add-output]");
      waitForElement(page, "[data-testid=setting-path]");
      assertThat(page.evaluate("[...document.querySelectorAll('[data-testid=output-type] option')].map(o => o.value)"))
          .extracting(JsonNode::asText).contains("file", "kafka", "redis", "sql", "stdout", "webhook");
      assertThat(page.evaluate("document.querySelector('[data-testid=setting-max_bytes]').placeholder").asText())
          .as("a setting's default shows in its field").isEqualTo("100MiB");
      page.setValue("[data-testid=output-name]", "frames_file");
      page.click("[data-testid=save-output]");
      assertThat(text(page, "[data-testid=field-error-path]")).as("a required field left empty is named at once")
          .startsWith("path: missing");

      page.setValue("[data-testid=setting-path]", file.toString());
      page.setValue("[data-testid=setting-max_files]", "0");
      page.click("[data-testid=save-output]");
      assertThat(text(page, "[data-testid=field-error-max_files]")).as("a number out of the range its type describes")
          .isEqualTo("max_files: 0 is out of range; expected a whole number from 1 to 1000");

      page.setValue("[data-testid=setting-max_files]", "3");
      page.setValue("[data-testid=setting-max_bytes]", "lots");
      page.click("[data-testid=bind-frames]");
      page.click("[data-testid=save-output]");
      String refused = page.waitFor(textOf("[data-testid=form-error]"), v -> !v.asText().isEmpty(), WAIT).asText();
      assertThat(refused).as("the server's check, as the CLI words it, with the key path")
          .contains(": outputs.frames_file.max_bytes: \"lots\" is not a size; expected a size from 1 B to 1 TiB");
      assertThat(text(page, "[data-testid=field-error-max_bytes]")).isEqualTo(refused);
      assertThat(Files.exists(file)).isFalse();

      page.setValue("[data-testid=setting-max_bytes]", "");
      page.click("[data-testid=save-output]");
      assertThat(page.waitFor(textOf("[data-testid=saved-notice]"), v -> !v.asText().isEmpty(), WAIT).asText())
          .startsWith("Saved output frames_file");
      assertThat(Files.readString(served.dataDir.resolve(ConfigSource.DEFAULT_NAME)))
          .contains("frames_file:", "type: file", "max_files: 3");

      long deadline = System.nanoTime() + WAIT.toNanos();
      while (lines(file).size() < 5 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      List<String> records = lines(file);
      assertThat(records).as("records of the bound stream arrive in the file").hasSizeGreaterThanOrEqualTo(5);
      assertThat(records).allSatisfy(r -> assertThat(r).contains("\"type\":\"ws_frame\""));

      assertThat(page.waitFor(textOf("[data-testid=health-frames_file]"), v -> v.asText().equals("ok"), WAIT).asText())
          .isEqualTo("ok");
      assertThat(page.waitFor(textOf("[data-testid=delivered-frames_file]"),
          v -> !v.asText().equals("–") && Integer.parseInt(v.asText().replace(",", "")) >= 5, WAIT).asText())
          .as("the page counts what was delivered").isNotEqualTo("–");
      assertThat(text(page, "[data-testid=output-frames_file]")).contains("file", "frames");
      assertThat(page.waitFor(textOf("[data-testid=p99-frames_file]"), v -> v.asText().matches("[0-9.]+ (µs|ms|s)"), WAIT)
          .asText()).as("capture to acknowledgement, p99").matches("[0-9.]+ (µs|ms|s)");

      page.click("[data-testid=edit-frames_file]");
      waitForElement(page, "[data-testid=setting-path]");
      assertThat(page.evaluate("document.querySelector('[data-testid=setting-max_files]').value").asText())
          .as("the form edits the output as saved").isEqualTo("3");
      assertThat(page.evaluate("document.querySelector('[data-testid=bind-frames]').checked").asBoolean()).isTrue();
      Screenshots.save(page, "outputs.png");
    }
  }

  @Test
  void anOutputAddedToTheFileInAnotherEditorShowsWithoutThePageBeingOpenedAgain() throws Exception {
    served = Served.start(dir, STREAMS);
    try (PageDriver page = PageDriver.launch(dir.resolve("profile"))) {
      openOutputsPage(page, served.server.dashboardUrl().toString());
      page.waitFor(textOf("[data-testid=outputs-table]"), v -> v.asText().contains("No outputs yet"), WAIT);

      Files.writeString(served.dataDir.resolve(ConfigSource.DEFAULT_NAME), STREAMS.replace(
          "value: ws_frame}]\n", "value: ws_frame}]\n    outputs: [frames_file]\n") + """
          outputs:
            frames_file: {type: file, path: %s}
          """.formatted(dir.resolve("frames.jsonl")));
      String cells = "[...document.querySelectorAll('[data-testid=output-frames_file] td')].slice(0, 3)"
          + ".map(c => c.textContent).join(' | ')";
      assertThat(page.waitFor(cells, v -> !v.asText().isEmpty(), WAIT).asText())
          .as("the output the file names now, its type and the stream it names for it")
          .isEqualTo("frames_file | file | frames");
      assertThat(text(page, "[data-testid=outputs-table]")).doesNotContain("No outputs yet");

      // A slip in the YAML, once the pipeline runs the output: it goes on with it, and the page does not call it removed.
      page.waitFor(textOf("[data-testid=health-frames_file]"), v -> !v.asText().equals("not running"), WAIT);
      Files.writeString(served.dataDir.resolve(ConfigSource.DEFAULT_NAME), STREAMS + "outputs: [frames_file\n");
      assertThat(page.waitFor(textOf(".outputs-page .banner-warn"), v -> !v.asText().isEmpty(), WAIT).asText())
          .startsWith("The config file does not load: ");
      assertThat(page.waitFor(cells, v -> v.asText().startsWith("frames_file") && !v.asText().contains(" | file | "), WAIT).asText())
          .as("the output the figures report, its type and streams not known from the file, not called removed")
          .isEqualTo("frames_file |  | –");
    }
  }

  @Test
  void aRecordTheDestinationRefusedIsListedAndSentBackToIt() throws Exception {
    AtomicBoolean refusing = new AtomicBoolean(true);
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = receiver(refusing, 422, "{\"error\":\"unknown order\"}", received);
    try {
      serveThreeFramesTo(receiver);
      try (PageDriver page = PageDriver.launch(dir.resolve("profile"))) {
        openDeadLettersPage(page, served.server.dashboardUrl().toString());
        assertThat(page.waitFor(textOf("[data-testid=dl-count]"), v -> v.asText().equals("3 dead letters"), WAIT)
            .asText()).as("each refused record is a dead letter").isEqualTo("3 dead letters");
        JsonNode ids = page.evaluate("[...document.querySelectorAll('[data-testid^=dl-row-]')].map(r => +r.dataset.testid.slice(7))");
        long first = ids.get(0).asLong();

        page.setValue("[data-testid=dl-output-filter]", "hook");
        page.waitFor("location.hash", v -> v.asText().equals("#/dead-letters/output=hook"), WAIT);
        assertThat(page.waitFor(textOf("[data-testid=dl-count]"), v -> v.asText().equals("3 dead letters"), WAIT)
            .asText()).isEqualTo("3 dead letters");

        page.click("[data-testid=dl-row-" + first + "]");
        assertThat(page.waitFor(textOf("[data-testid=dl-error]"), v -> !v.asText().isEmpty(), WAIT).asText())
            .contains("HTTP 422", "unknown order");
        assertThat(text(page, "[data-testid=dl-record]")).contains("\"type\": \"ws_frame\"");
        Screenshots.save(page, "dead-letters.png");

        refusing.set(false);
        page.click("[data-testid=dl-send-back]");
        assertThat(page.waitFor(textOf("[data-testid=dl-state-" + first + "]"), v -> v.asText().equals("delivered"), WAIT)
            .asText()).as("sent back, the letter reaches its output").isEqualTo("delivered");
        assertThat(received).hasSize(1);
        assertThat(received.getFirst()).contains("\"type\":\"ws_frame\"");

        page.click("[data-testid=dl-send-all]");
        assertThat(page.waitFor(textOf("[data-testid=dl-notice]"), v -> v.asText().equals("2 dead letters sent back"), WAIT).asText())
            .isEqualTo("2 dead letters sent back");
        assertThat(page.waitFor("[...document.querySelectorAll('[data-testid^=dl-state-]')].map(s => s.textContent).join()",
            v -> v.asText().equals("delivered,delivered,delivered"), WAIT).asText())
            .isEqualTo("delivered,delivered,delivered");
        assertThat(received).hasSize(3);

        page.click("[data-testid=dl-close]");
        assertThat(page.waitFor("location.hash", v -> !v.asText().equals("#/dead-letters/" + first), WAIT).asText())
            .as("closed, the letter leaves the list as it was filtered").isEqualTo("#/dead-letters/output=hook");
        assertThat(page.waitFor("!document.querySelector('[data-testid=dl-detail]')", JsonNode::asBoolean, WAIT)
            .asBoolean()).isTrue();
      }
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void deadLettersNoLongerWantedAreDiscardedOneOrAllOnlyOnceTheUserConfirms() throws Exception {
    HttpServer receiver = receiver(new AtomicBoolean(true), 422, "{\"error\":\"unknown order\"}", new CopyOnWriteArrayList<>());
    try {
      serveThreeFramesTo(receiver);
      try (PageDriver page = PageDriver.launch(dir.resolve("profile"))) {
        openDeadLettersPage(page, served.server.dashboardUrl().toString());
        page.waitFor(textOf("[data-testid=dl-count]"), v -> v.asText().equals("3 dead letters"), WAIT);
        long first = page.evaluate("+document.querySelector('[data-testid^=dl-row-]').dataset.testid.slice(7)").asLong();

        page.click("[data-testid=dl-row-" + first + "]");
        waitForElement(page, "[data-testid=dl-discard]");
        page.click("[data-testid=dl-discard]");
        assertThat(page.waitFor(textOf("[data-testid=dl-discard-confirm]"), v -> !v.asText().isEmpty(), WAIT).asText())
            .isEqualTo("Discard it for good?");
        page.click("[data-testid=dl-discard-cancel]");
        waitForElement(page, "[data-testid=dl-discard]");
        assertThat(new DeliveryLedger(served.store).redeliveries().page(null, null, 0, 10)).as("cancelled").hasSize(3);

        page.click("[data-testid=dl-discard]");
        waitForElement(page, "[data-testid=dl-discard-confirm]");
        page.click("[data-testid=dl-discard-confirm]");
        assertThat(page.waitFor(textOf("[data-testid=dl-notice]"), v -> !v.asText().isEmpty(), WAIT).asText())
            .isEqualTo("Dead letter " + first + " discarded");
        assertThat(page.waitFor(textOf("[data-testid=dl-count]"), v -> v.asText().equals("2 dead letters"), WAIT)
            .asText()).isEqualTo("2 dead letters");
        assertThat(page.evaluate("location.hash").asText()).isEqualTo("#/dead-letters");
        assertThat(page.evaluate("!!document.querySelector('[data-testid=dl-row-" + first + "]')").asBoolean())
            .as("the discarded letter's row").isFalse();

        page.click("[data-testid=dl-discard-all]");
        assertThat(page.waitFor(textOf("[data-testid=dl-discard-all-confirm]"), v -> !v.asText().isEmpty(), WAIT)
            .asText()).isEqualTo("Discard 2 dead letters for good?");
        page.click("[data-testid=dl-discard-all-confirm]");
        assertThat(page.waitFor(textOf("[data-testid=dl-notice]"), v -> v.asText().endsWith("s discarded"), WAIT).asText())
            .isEqualTo("2 dead letters discarded");
        assertThat(page.waitFor(textOf("[data-testid=dl-table]"), v -> v.asText().contains("No dead letters"), WAIT)
            .asText()).contains("No dead letters");
        assertThat(new DeliveryLedger(served.store).redeliveries().page(null, null, 0, 10)).isEmpty();
      }
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void anOutputThatFellBehindItsStreamIsShownCatchingUpUntilItHasCaughtUp() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    HttpServer receiver = receiver(down, 503, "{}", new CopyOnWriteArrayList<>());
    try {
      served = Served.start(dir, """
          streams:
            - name: frames
              conditions: [{field: type, operator: equals, value: ws_frame}]
              outputs: [file, hook]
          outputs:
            file: {type: file, path: '%s'}
            hook: {type: webhook, url: 'http://127.0.0.1:%d/hook', mode: single}
          """.formatted(dir.resolve("frames.jsonl"), receiver.getAddress().getPort()));
      try (ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
          PageDriver page = PageDriver.launch(dir.resolve("profile"))) {
        // The file takes each frame at once; the webhook, answering 503, soon holds the stream up.
        traffic.scheduleAtFixedRate(served::frame, 0, 20, TimeUnit.MILLISECONDS);
        openOutputsPage(page, served.server.dashboardUrl().toString());
        assertThat(page.waitFor(textOf("[data-testid=catching-up-hook]"), v -> v.asText().equals("catching up"), WAIT)
            .asText()).as("left behind by its stream, it reads on its own").isEqualTo("catching up");
        assertThat(text(page, "[data-testid=health-hook]")).isEqualTo("failing");
        assertThat(page.evaluate("document.querySelector('[data-testid=catching-up-file]') === null").asBoolean())
            .as("the file kept up").isTrue();

        down.set(false);
        assertThat(page.waitFor("document.querySelector('[data-testid=catching-up-hook]') === null", JsonNode::asBoolean,
            WAIT).asBoolean()).as("caught up, it is read for with its stream again").isTrue();
        assertThat(text(page, "[data-testid=health-hook]")).isIn("ok", "lagging");
      }
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void anOutputTheLastDeliveryDidNotRunIsMarkedWithTheEarlierDeliveryWhoseFiguresItShows() throws Exception {
    Path dataDir = Files.createDirectories(dir.resolve("data"));
    Files.writeString(dataDir.resolve(ConfigSource.DEFAULT_NAME), STREAMS + """
        outputs:
          file: {type: file, path: '%s'}
          old: {type: file, path: '%s'}
        """.formatted(dir.resolve("file.jsonl"), dir.resolve("old.jsonl")));
    try (EventStore store = EventStore.open(dataDir)) {
      DeliveryLedger ledger = new DeliveryLedger(store);
      // An earlier delivery's last figures of both outputs, then those of a later one that ran only the file.
      ledger.saveStats(Map.of("output:old", savedOutput("old", 40), "output:file", savedOutput("file", 40)));
      Thread.sleep(5); // the later delivery saves at a later instant
      ledger.saveStats(Map.of("output:file", savedOutput("file", 55)));
      // As `serve` without --deliver serves the data directory: the figures the deliveries saved.
      try (LocalServer server = LocalServer.start(0,
              ApiParts.of(new ServerSources(dataDir, store, ConfigSource.read(null, dataDir, UnaryOperator.identity()),
                  null, null, null)));
          PageDriver page = PageDriver.launch(dir.resolve("profile"))) {
        openOutputsPage(page, server.dashboardUrl().toString());
        assertThat(page.waitFor(textOf("[data-testid=earlier-old]"), v -> !v.asText().isEmpty(), WAIT).asText())
            .as("its figures are the earlier delivery's").matches("earlier delivery, [0-9]+ s ago");
        assertThat(text(page, "[data-testid=delivered-old]")).isEqualTo("40");
        assertThat(text(page, "[data-testid=delivered-file]")).isEqualTo("55");
        assertThat(page.evaluate("document.querySelector('[data-testid=earlier-file]') === null").asBoolean())
            .as("the file's are the last delivery's").isTrue();
      }
    }
  }

  private static String savedOutput(String name, long delivered) {
    return """
        {"output":"%s","health":"ok","catching_up":false,"delivered":%d,"pending_events":0,"last_error":null}"""
        .formatted(name, delivered);
  }

  @Test
  void anOutputPluginLeftOutIsNamedOnTheOutputsPage() throws Exception {
    Path plugins = dir.resolve("plugins");
    Files.createDirectories(plugins);
    Files.writeString(plugins.resolve("broken.jar"), "not a zip");
    Outputs outputs = new Outputs(PluginFolder.read(plugins.toString(), dir));
    // The output types and the pages alone: the page names the plugin from what they say.
    try (LocalServer server = LocalServer.start(0, List.of(new OutputTypesPart(() -> outputs), UiPart.fromClassPath().orElseThrow()));
        PageDriver page = PageDriver.launch(dir.resolve("profile"))) {
      openOutputsPage(page, server.dashboardUrl().toString());
      assertThat(page.waitFor(textOf("[data-testid=plugin-problem]"), v -> !v.asText().isEmpty(), WAIT).asText())
          .isEqualTo("Output plugin problem: the output plugin " + plugins.resolve("broken.jar")
              + " is not a readable jar and is left out: java.util.zip.ZipException: zip END header not found");
    }
  }

  /**
   * A webhook receiver on 127.0.0.1, started, at {@code /hook}: while {@code failing} it answers
   * {@code failStatus} with {@code failBody}; else 200, keeping each body it took in {@code taken}.
   */
  private static HttpServer receiver(AtomicBoolean failing, int failStatus, String failBody, List<String> taken)
      throws IOException {
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      boolean fail = failing.get();
      byte[] answer = (fail ? failBody : "{}").getBytes(StandardCharsets.UTF_8);
      if (!fail) {
        taken.add(body);
      }
      exchange.sendResponseHeaders(fail ? failStatus : 200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    receiver.start();
    return receiver;
  }

  /** Serves the stream of every frame into the webhook {@code receiver} answers, and three frames. */
  private void serveThreeFramesTo(HttpServer receiver) throws Exception {
    served = Served.start(dir, """
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [hook]
        outputs:
          hook: {type: webhook, url: 'http://127.0.0.1:%d/hook', mode: single}
        """.formatted(receiver.getAddress().getPort()));
    for (int i = 0; i < 3; i++) {
      served.frame();
    }
  }

  /** Opens the dashboard at {@code url} and goes to its dead letters page, as a user clicks there. */
  private static void openDeadLettersPage(PageDriver page, String url) throws Exception {
    page.open(url);
    page.waitFor("!!document.querySelector('[data-testid=nav-dead-letters]')", JsonNode::asBoolean, WAIT);
    page.click("[data-testid=nav-dead-letters]");
  }

  /** Opens the dashboard at {@code url} and goes to its outputs page, as a user clicks there. */
  private static void openOutputsPage(PageDriver page, String url) throws Exception {
    page.open(url);
    page.waitFor("!!document.querySelector('[data-testid=nav-outputs]')", JsonNode::asBoolean, WAIT);
    page.click("[data-testid=nav-outputs]");
  }

  private static void waitForElement(PageDriver page, String selector) throws Exception {
    assertThat(page.waitFor("!!document.querySelector('" + selector + "')", JsonNode::asBoolean, WAIT).asBoolean())
        .as("%s shows", selector).isTrue();
  }

  private static String textOf(String selector) {
    return "document.querySelector('" + selector + "')?.textContent ?? ''";
  }

  private static String text(PageDriver page, String selector) throws Exception {
    return page.evaluate(textOf(selector)).asText();
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  /**
   * A data directory as {@code serve --deliver} serves it while a capture writes into it: the store
   * fed by a store writer, the pipeline the config file describes, following the file, and every
   * part of the API with the dashboard.
   */
  private record Served(Path dataDir, EventStore store, StoreWriter writer, EventStamps stamps, LivePipeline pipeline,
      ConfigSource.Following following, LocalServer server) implements AutoCloseable {

    static Served start(Path dir, String config) throws Exception {
      Path dataDir = dir.resolve("data");
      Files.createDirectories(dataDir);
      Files.writeString(dataDir.resolve(ConfigSource.DEFAULT_NAME), config);
      EventStore store = EventStore.open(dataDir);
      EventStamps stamps = new EventStamps(1);
      StoreWriter writer = new StoreWriter(store, new RingBuffer(), stamps, StoreWriter.Settings.defaults());
      ConfigSource source = ConfigSource.read(null, dataDir, UnaryOperator.identity());
      PrintWriter out = new PrintWriter(new StringWriter(), true);
      LivePipeline pipeline = LivePipeline.start(source.config().pipeline(), store, () -> lock(dataDir), out,
          (to, spec, stats) -> {});
      ConfigSource.Following following = source.follow(pipeline, false, out, out);
      LocalServer server = LocalServer.start(0,
          ApiParts.of(new ServerSources(dataDir, store, source, following, pipeline, null)));
      return new Served(dataDir, store, writer, stamps, pipeline, following, server);
    }

    private static DataDirLock lock(Path dataDir) {
      try {
        return DataDirLock.acquire(dataDir, DataDirLock.Kind.PIPELINE, "serve");
      } catch (StoreException e) {
        throw new UncheckedStoreException(e);
      }
    }

    /** The next event of the sample traffic: a call, or a frame captured now. */
    void nextEvent() {
      long seq = stamps.nextSeq();
      writer.accept(SampleEvents.isFrame(seq) ? frame(seq) : SampleEvents.call(seq));
    }

    void frame() {
      writer.accept(frame(stamps.nextSeq()));
    }

    private static CaptureEvent frame(long seq) {
      String payload = "{\"tick\":" + seq + "}";
      // An id as the capture makes it, which tells when: the outputs' latency is timed from it.
      return new WsFrameEvent(EventStamps.newId(), seq, Instant.now(), "conn-1", "ws://127.0.0.1/ws",
          WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT, Body.text(payload, payload.length(), false),
          payload.length(), SampleEvents.TAB);
    }

    @Override
    public void close() {
      server.close();
      following.stop();
      pipeline.close();
      writer.close();
      store.close();
    }
  }
}
