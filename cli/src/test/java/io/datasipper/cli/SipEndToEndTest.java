package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.capture.testsite.SiteLog;
import io.datasipper.capture.testsite.TestSite;
import io.datasipper.store.EventQuery;
import io.datasipper.store.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code datasipper sip} as a user runs it: a separate process, stopped with SIGTERM once the test
 * site's scenario is over. What the store holds is checked against the site's own record.
 */
class SipEndToEndTest {
  @TempDir static Path dataDir;
  static TestSite site;
  static int exitCode;
  static String output;
  static List<CaptureEvent> stored = new ArrayList<>();

  @BeforeAll
  static void sipTheTestSiteAndStopWithSigterm() throws Exception {
    site = new TestSite();
    Files.createDirectories(dataDir);
    Files.writeString(dataDir.resolve("datasipper.yaml"), """
        streams:
          - name: api
            conditions:
              - {field: type, operator: equals, value: http}
              - {field: path, operator: starts_with, value: /api/}
            outputs: [api_file]
          - name: sent_frames
            conditions:
              - {field: type, operator: equals, value: ws_frame}
              - {field: direction, operator: equals, value: sent}
              - {field: opcode, operator: equals, value: text}
            outputs: [frames_file]
            transform: |
              function transform(event) {
                return event.payload.data === 'end' ? null : {text: event.payload.data, seq: event.seq};
              }
        outputs:
          api_file: {type: file, path: %s}
          frames_file: {type: file, path: %s}
        """.formatted(dataDir.resolve("api.jsonl"), dataDir.resolve("frames.jsonl")));
    Path log = Files.createTempFile("sip", ".log");
    Process sip = CliProcess.sip(List.of(site.url("/"), "--data-dir", dataDir.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(site.awaitDone(120)).as("the page ran its scenario; sip printed: %s", Files.readString(log)).isTrue();
      Thread.sleep(1_000); // the last exchange's events are on their way to the store
      sip.destroy(); // SIGTERM
      assertThat(sip.waitFor(60, TimeUnit.SECONDS)).as("sip exits after SIGTERM").isTrue();
      exitCode = sip.exitValue();
    } finally {
      sip.destroyForcibly();
    }
    output = Files.readString(log);
    try (EventStore store = EventStore.open(dataDir)) {
      store.scan(EventQuery.all(), stored::add);
    }
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  @Test
  void sigtermFlushesEverythingAndPrintsTheSummary() {
    assertThat(exitCode).as(output).isIn(0, 143);
    assertThat(output).contains("captured", "ws_frame", "http", "next:", "datasipper events");
    assertThat(http("/api/done")).as("the last request reached the store").hasSize(1);
  }

  @Test
  void theStoreHoldsEveryRequestOnceAndEveryFrameInOrder() {
    for (String path : List.of("/", "/api/items", "/api/echo", "/api/upload", "/api/final", "/img/pixel.png",
        "/big", "/missing", "/api/from-worker", "/api/from-sw", "/api/from-iframe", "/sse/finite")) {
      assertThat(http(path)).as(path).hasSize(site.log().hits(path).size()).hasSize(1);
    }
    List<String> sent = stored.stream().filter(e -> e instanceof WsFrameEvent f && f.direction() == WsFrameEvent.Direction.SENT
        && f.opcode() == WsFrameEvent.Opcode.TEXT).map(e -> ((WsFrameEvent) e).payload().data()).toList();
    List<String> siteReceived = site.log().wsReceived().stream().filter(SiteLog.Frame::text).map(SiteLog.Frame::data).toList();
    assertThat(sent).containsExactlyElementsOf(siteReceived);
    assertThat(stored).extracting(CaptureEvent::seq).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void theConfiguredStreamsWereDeliveredToTheirFiles() throws Exception {
    List<String> api = Files.readAllLines(dataDir.resolve("api.jsonl"));
    List<String> apiPaths = api.stream().map(l -> java.net.URI.create(EventJson.read(l) instanceof HttpEvent h ? h.url() : "")
        .getPath()).toList();
    List<String> storedApiPaths = stored.stream().filter(e -> e instanceof HttpEvent h && java.net.URI.create(h.url())
        .getPath().startsWith("/api/")).map(e -> java.net.URI.create(((HttpEvent) e).url()).getPath()).toList();
    assertThat(apiPaths).containsExactlyElementsOf(storedApiPaths).contains("/api/echo", "/api/from-sw", "/api/done");
    List<String> frames = Files.readAllLines(dataDir.resolve("frames.jsonl"));
    assertThat(frames).hasSize(TestSite.WS_TEXT_FRAMES_EACH_WAY);
    assertThat(frames.get(0)).contains("\"text\":\"cli-0\"");
    assertThat(output).contains("streams:", "sent_frames", "delivered");
  }

  @Test
  void everyFileTheCaptureMadeIsForItsOwnerAlone() throws Exception {
    for (String file : List.of("events.db", "chromium.log", "capture.lock", "pipeline.lock", "api.jsonl",
        "frames.jsonl")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file)))).as(file)
          .isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("profile"))))
        .isEqualTo("rwx------");
  }

  @Test
  void bodiesPastTheDefaultLimitAreCutAndFlagged() {
    HttpEvent big = http("/big").get(0);
    assertThat(big.response().body().truncated()).isTrue();
    assertThat(big.response().body().size()).isEqualTo(TestSite.BIG_BODY_BYTES);
    assertThat(big.response().body().data()).hasSize(1024 * 1024);
  }

  @Test
  void eventsCommandPrintsStoredEventsAsDocumentedJson() {
    CliRunner run = CliRunner.run("events", "--data-dir", dataDir.toString(), "--type", "http",
        "--url-contains", "/api/echo", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(1);
    HttpEvent echo = (HttpEvent) EventJson.read(lines.get(0));
    assertThat(echo.method()).isEqualTo("POST");
    assertThat(echo.request().body().data()).isEqualTo("{\"order\":42,\"note\":\"h\u00e9llo\"}");
  }

  private static List<HttpEvent> http(String path) {
    return stored.stream().filter(e -> e instanceof HttpEvent h && java.net.URI.create(h.url()).getPath().equals(path))
        .map(HttpEvent.class::cast).toList();
  }
}
