package io.datasipper.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.config.ConfigSource;
import io.datasipper.config.LivePipeline;
import io.datasipper.server.ApiParts;
import io.datasipper.server.LocalServer;
import io.datasipper.server.ServerSources;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoreException;
import io.datasipper.store.UncheckedStoreException;
import io.datasipper.testkit.JsonLines;
import io.datasipper.testkit.SampleEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Streams page as a user meets it, in a real headless Chromium over a data directory served
 * as {@code serve --deliver} serves it (a real store, the running pipeline, the config file
 * followed): a stream made from an event of the live page in the rule builder, its match count
 * following each edit, the server's complaint about a bad value, the YAML view, and the save that
 * rewrites datasipper.yaml, reloads the pipeline and makes the stream's counter move.
 */
class StreamsBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final String COUNT = "document.querySelector('[data-testid=count]')?.textContent ?? ''";
  private static final String MATCH_COUNT = "document.querySelector('[data-testid=match-count]')?.textContent ?? ''";

  @TempDir Path dir;

  @Test
  void aStreamBuiltFromAnEventIsSavedToTheConfigAndItsCounterMoves() throws Exception {
    Path dataDir = Files.createDirectories(dir.resolve("data"));
    Path config = dataDir.resolve(ConfigSource.DEFAULT_NAME);
    Path out = dir.resolve("out.jsonl");
    Files.writeString(config, """
        # the demo's pipeline
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [out]
        outputs:
          out: {type: file, path: %s, start_from: earliest}
        """.formatted(out));
    StringWriter said = new StringWriter();
    PrintWriter lines = new PrintWriter(said, true);

    try (EventStore store = EventStore.open(dataDir)) {
      // Every third event a GET /api/orders/<seq>, the others WebSocket frames.
      SampleEvents.fill(store, 1, 30, seq -> SampleEvents.event(seq, 2, "{\"n\":" + seq + "}"));
      try (Served served = Served.start(dataDir, store, dir.resolve("profile"), lines)) {
        PageDriver page = served.page();
        LocalServer server = served.server();
        JsonLines.awaitSeqs(out, 20, WAIT);
        page.open(server.dashboardUrl().toString());
        page.waitFor(COUNT, v -> v.asText().equals("30 events"), WAIT);

        // From the live page: an order call's detail, and a new stream from it.
        page.setValue("[data-testid=text-filter]", "/api/orders/30");
        page.waitFor(COUNT, v -> v.asText().equals("1 of 30 events"), WAIT);
        page.click("[data-seq=\"30\"]");
        page.waitFor("!!document.querySelector('[data-testid=new-stream-from-event]')", JsonNode::asBoolean, WAIT);
        page.click("[data-testid=new-stream-from-event]");
        assertThat(page.waitFor("document.querySelector('[data-testid=stream-name]')?.value ?? ''",
            v -> !v.asText().isEmpty(), WAIT).asText()).isEqualTo("get_api_orders");
        assertThat(conditions(page)).isEqualTo("type equals http | host equals 127.0.0.1 | path regex ^/api/orders/[^/]+$"
            + " | method equals GET");
        assertThat(awaitMatchCount(page, "10 of the last 30 events match")).as("the ten calls among the 30 events")
            .isEqualTo("10 of the last 30 events match");

        // A condition added in the builder narrows the count, its NOT widens it again.
        page.click("[data-testid=group-top] > .group-bar .add-condition");
        page.setValue("[data-testid=cond-4] .field", "path");
        page.setValue("[data-testid=cond-4] .operator", "ends_with");
        page.setValue("[data-testid=cond-4] .value", "0");
        assertThat(awaitMatchCount(page, "1 of the last 30 events match")).as("/api/orders/30")
            .isEqualTo("1 of the last 30 events match");
        page.click("[data-testid=cond-4] .negate");
        assertThat(awaitMatchCount(page, "9 of the last 30 events match")).isEqualTo("9 of the last 30 events match");

        // A value the operator cannot take: the try and the save say which key, as the server words it.
        page.setValue("[data-testid=cond-3] .operator", "gt");
        assertThat(awaitMatchCount(page, "Cannot count")).startsWith("Cannot count matches: body.conditions[3].value: ");
        page.click("[data-testid=save]");
        assertThat(page.waitFor(text("[data-testid=save-error]"), v -> !v.asText().isEmpty(), WAIT).asText())
            .startsWith("Not saved: " + config + ": streams[1].conditions[3].value: ");
        page.setValue("[data-testid=cond-3] .operator", "equals");
        awaitMatchCount(page, "9 of the last 30 events match");
        assertThat(page.evaluate("!!document.querySelector('[data-testid=save-error]')").asBoolean())
            .as("the complaint was about the rule as it was").isFalse();

        // The YAML view, edited: the stream's name.
        page.click("[data-testid=view-yaml]");
        String yaml = page.waitFor("document.querySelector('[data-testid=yaml]')?.value ?? ''", v -> !v.asText().isEmpty(), WAIT)
            .asText();
        assertThat(yaml).contains("name: get_api_orders\n", "  - {field: method, operator: equals, value: GET}\n",
            "  - not: {field: path, operator: ends_with, value: \"0\"}\n");
        page.setValue("[data-testid=yaml]", yaml.replace("name: get_api_orders", "name: orders"));
        page.click("[data-testid=view-builder]");
        assertThat(page.evaluate("document.querySelector('[data-testid=stream-name]').value").asText()).isEqualTo("orders");
        page.click("[data-testid=output-out]");
        awaitMatchCount(page, "9 of the last 30 events match");
        Screenshots.save(page, "streams.png");

        page.click("[data-testid=save]");
        assertThat(page.waitFor(text("[data-testid=saved]"), v -> !v.asText().isEmpty(), WAIT).asText())
            .startsWith("Saved to " + config + ": ").contains("reloaded");
        assertThat(Files.readString(config)).as("the file the CLI reads, its comment kept").isEqualTo("""
            # the demo's pipeline
            streams:
              - name: frames
                conditions: [{field: type, operator: equals, value: ws_frame}]
                outputs: [out]
              - name: orders
                conditions:
                  - {field: type, operator: equals, value: http}
                  - {field: host, operator: equals, value: 127.0.0.1}
                  - {field: path, operator: regex, value: "^/api/orders/[^/]+$"}
                  - {field: method, operator: equals, value: GET}
                  - not: {field: path, operator: ends_with, value: "0"}
                outputs: [out]
            outputs:
              out: {type: file, path: %s, start_from: earliest}
            """.formatted(out));
        assertThat(page.evaluate("location.hash").asText()).isEqualTo("#/streams/orders");

        // Calls stored from now on go through the new stream: its counter moves, its records arrive.
        SampleEvents.fill(store, 31, 36, seq -> SampleEvents.event(seq, 2, "{\"n\":" + seq + "}"));
        assertThat(page.waitFor(text("[data-testid=matched-orders]"), v -> v.asText().equals("2 matched"), WAIT).asText())
            .as("the calls 33 and 36").isEqualTo("2 matched");
        assertThat(JsonLines.awaitSeqs(out, 20 + 4 + 2, WAIT)).as("frames 31, 32, 34, 35 and the calls 33 and 36")
            .hasSize(26).contains(33L, 36L);
        page.click("[data-testid=nav-streams]");
        assertThat(page.waitFor(text("[data-testid=stream-frames]"), v -> v.asText().contains("→ out: 26 delivered"), WAIT)
            .asText()).as("the counters of the stream that ran throughout, and of the output both feed")
            .contains("frames", "24 matched", "24 records", "0 dropped", "0 failed", "→ out: 26 delivered", "Edit transform");
        assertThat(page.evaluate("document.querySelector('[data-testid=edit-transform-frames]').getAttribute('href')")
            .asText()).isEqualTo("#/transforms/frames");
        assertThat(page.evaluate(text("[data-testid=stream-orders]")).asText())
            .contains("orders", "2 matched", "2 records", "0 dropped", "0 failed");
        assertThat(page.evaluate("document.querySelectorAll('.sparkline polyline').length").asInt())
            .as("a rate line per stream").isEqualTo(2);
        Screenshots.save(page, "streams-list.png");
      }
    }
  }

  @Test
  void aStreamsRecordsCounterCountsWhatItsTransformMadeNotTheEvents() throws Exception {
    Path dataDir = Files.createDirectories(dir.resolve("data"));
    Path out = dir.resolve("out.jsonl");
    Files.writeString(dataDir.resolve(ConfigSource.DEFAULT_NAME), """
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [out]
            transform: |
              function transform(event) {
                return event.seq === 1 ? null : [{seq: event.seq, part: 1}, {seq: event.seq, part: 2}];
              }
        outputs:
          out: {type: file, path: %s, start_from: earliest}
        """.formatted(out));
    try (EventStore store = EventStore.open(dataDir)) {
      // Every third event an HTTP call, the others WebSocket frames: 20 frames, the first dropped.
      SampleEvents.fill(store, 1, 30, seq -> SampleEvents.event(seq, 2, "{\"n\":" + seq + "}"));
      try (Served served = Served.start(dataDir, store, dir.resolve("profile"), new PrintWriter(new StringWriter()))) {
        assertThat(JsonLines.awaitSeqs(out, 38, WAIT)).hasSize(38);
        PageDriver page = openStreamsPage(served);
        assertThat(page.waitFor(text("[data-testid=stream-frames]"), v -> v.asText().contains("38 records"), WAIT)
            .asText()).contains("20 matched", "38 records", "1 dropped", "0 failed", "→ out: 38 delivered");
      }
    }
  }

  @Test
  void aStreamRenamedInTheBuilderLeavesItsCountsListedUnderItsOldNameMarkedRemoved() throws Exception {
    Path dataDir = Files.createDirectories(dir.resolve("data"));
    Path out = dir.resolve("out.jsonl");
    Files.writeString(dataDir.resolve(ConfigSource.DEFAULT_NAME), """
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [out]
        outputs:
          out: {type: file, path: %s, start_from: earliest}
        """.formatted(out));
    try (EventStore store = EventStore.open(dataDir)) {
      // Every third event an HTTP call, the others WebSocket frames: 20 frames.
      SampleEvents.fill(store, 1, 30, seq -> SampleEvents.event(seq, 2, "{\"n\":" + seq + "}"));
      try (Served served = Served.start(dataDir, store, dir.resolve("profile"), new PrintWriter(new StringWriter()))) {
        assertThat(JsonLines.awaitSeqs(out, 20, WAIT)).hasSize(20);
        PageDriver page = openStreamsPage(served);
        page.waitFor(text("[data-testid=matched-frames]"), v -> v.asText().equals("20 matched"), WAIT);

        page.click("[data-testid=stream-frames] th a");
        page.waitFor("document.querySelector('[data-testid=stream-name]')?.value ?? ''", v -> v.asText().equals("frames"),
            WAIT);
        page.setValue("[data-testid=stream-name]", "ws_frames");
        page.click("[data-testid=save]");
        assertThat(page.waitFor(text("[data-testid=saved]"), v -> !v.asText().isEmpty(), WAIT).asText()).contains("reloaded");
        page.click("[data-testid=nav-streams]");

        String renamed = page.waitFor(text("[data-testid=stream-ws_frames]"), v -> v.asText().contains("matched"), WAIT)
            .asText();
        assertThat(renamed).as("the stream under its new name, which opens in the builder")
            .contains("ws_frames", "Edit transform", "→ out:").doesNotContain("removed");
        assertThat(page.waitFor(text("[data-testid=stream-frames]"), v -> v.asText().contains("removed"), WAIT).asText())
            .as("the events the stream took under its old name, still counted")
            .contains("frames removed", "20 matched", "20 records", "0 dropped", "0 failed")
            .doesNotContain("Edit transform", "→ out:");
        assertThat(page.evaluate("document.querySelectorAll('[data-testid=stream-frames] a').length").asInt())
            .as("the file names no stream frames to open").isZero();
        assertThat(page.evaluate("[...document.querySelectorAll('table.streams tr')].map(r => r.dataset.testid).join()")
            .asText()).as("the config's streams first").isEqualTo("stream-ws_frames,stream-frames");
      }
    }
  }

  @Test
  void aStreamAddedToTheFileInAnotherEditorIsListedWithoutThePageBeingOpenedAgain() throws Exception {
    Path dataDir = Files.createDirectories(dir.resolve("data"));
    Path config = dataDir.resolve(ConfigSource.DEFAULT_NAME);
    String frames = """
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
        """;
    Files.writeString(config, frames);
    try (EventStore store = EventStore.open(dataDir);
        Served served = Served.start(dataDir, store, dir.resolve("profile"), new PrintWriter(new StringWriter()))) {
      PageDriver page = served.page();
      page.open(served.server().dashboardUrl().toString());
      page.waitFor("!!document.querySelector('[data-testid=nav-streams]')", JsonNode::asBoolean, WAIT);
      page.click("[data-testid=nav-streams]");
      page.waitFor("!!document.querySelector('[data-testid=stream-frames]')", JsonNode::asBoolean, WAIT);

      Files.writeString(config, frames + """
            - name: calls
              conditions: [{field: type, operator: equals, value: http}]
          """);
      assertThat(page.waitFor(text("[data-testid=stream-calls]"), v -> !v.asText().isEmpty(), WAIT).asText())
          .as("the stream the file names now, which opens in the builder").contains("calls", "Edit transform")
          .doesNotContain("removed");
      assertThat(page.evaluate("location.hash").asText()).isEqualTo("#/streams");

      // A slip in the YAML, once the pipeline runs both streams: it goes on with them, and the page does not call
      // them removed.
      page.waitFor(text("[data-testid=matched-calls]"), v -> v.asText().equals("0 matched"), WAIT);
      Files.writeString(config, frames + "  - name: [calls\n");
      assertThat(page.waitFor(text(".stream-list .banner-error"), v -> !v.asText().isEmpty(), WAIT).asText())
          .startsWith("The config file does not load: ");
      assertThat(page.evaluate(text("[data-testid=stream-frames]")).asText() + page.evaluate(text("[data-testid=stream-calls]"))
          .asText()).as("both streams listed with their figures, neither called removed").contains("frames", "calls", "matched")
          .doesNotContain("removed");
    }
  }

  /** The dashboard, once it lists the 30 stored events, on its Streams page. */
  private static PageDriver openStreamsPage(Served served) throws Exception {
    PageDriver page = served.page();
    page.open(served.server().dashboardUrl().toString());
    page.waitFor(COUNT, v -> v.asText().equals("30 events"), WAIT);
    page.click("[data-testid=nav-streams]");
    return page;
  }

  /** The builder's comparisons, top level, as "field operator value" joined by " | ". */
  private static String conditions(PageDriver page) throws Exception {
    return page.evaluate("[...document.querySelectorAll('[data-testid=group-top] > .cond')].map(c =>"
        + " [c.querySelector('.param') ? c.querySelector('.field').value.split('<')[0] + c.querySelector('.param').value"
        + " : c.querySelector('.field').value, c.querySelector('.operator').value, c.querySelector('.value')?.value ?? '']"
        + ".join(' ').trim()).join(' | ')").asText();
  }

  private static String awaitMatchCount(PageDriver page, String start) throws Exception {
    return page.waitFor(MATCH_COUNT, v -> v.asText().startsWith(start), WAIT).asText();
  }

  private static String text(String selector) {
    return "document.querySelector('" + selector.replace("'", "\\'") + "')?.textContent ?? ''";
  }

  /** A data directory served as {@code serve --deliver} serves it, and a browser to open its dashboard in. */
  private record Served(LivePipeline pipeline, ConfigSource.Following following, LocalServer server, PageDriver page)
      implements AutoCloseable {
    static Served start(Path dataDir, EventStore store, Path profile, PrintWriter lines) throws Exception {
      ConfigSource source = ConfigSource.read(null, dataDir, UnaryOperator.identity());
      LivePipeline pipeline = LivePipeline.start(source.config().pipeline(), store, () -> pipelineLock(dataDir), lines,
          (to, spec, stats) -> {});
      ConfigSource.Following following = null;
      LocalServer server = null;
      try {
        following = source.follow(pipeline, false, lines, lines);
        server = LocalServer.start(0, ApiParts.of(new ServerSources(dataDir, store, source, following, pipeline, null)));
        return new Served(pipeline, following, server, PageDriver.launch(profile));
      } catch (Exception | Error e) { // what started is stopped, as the test's own try would have
        if (server != null) {
          server.close();
        }
        if (following != null) {
          following.stop();
        }
        pipeline.close();
        throw e;
      }
    }

    @Override
    public void close() {
      page.close();
      server.close();
      following.stop();
      pipeline.close();
    }
  }

  private static DataDirLock pipelineLock(Path dataDir) {
    try {
      return DataDirLock.acquire(dataDir, DataDirLock.Kind.PIPELINE, "serve");
    } catch (StoreException e) {
      throw new UncheckedStoreException(e);
    }
  }
}
