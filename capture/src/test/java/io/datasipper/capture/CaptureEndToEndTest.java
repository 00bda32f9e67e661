package io.datasipper.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import io.datasipper.capture.testsite.SiteLog;
import io.datasipper.capture.testsite.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the test site's whole scenario in a real headless Chromium and checks the capture against
 * the site's own record of what it sent and received.
 */
class CaptureEndToEndTest {
  @TempDir static Path dataDir;
  static TestSite site;
  static CollectingSink sink = new CollectingSink();
  static List<CaptureEvent> events;

  @BeforeAll
  static void captureTheScenario() throws Exception {
    site = new TestSite();
    CaptureRules rules = new CaptureRules(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        8L << 20, List.of(), List.of(), false);
    try (Capture capture = Capture.launch(Chromium.headless(dataDir.resolve("profile")), rules, new EventStamps(1), sink)) {
      capture.open(site.url("/"));
      assertThat(site.awaitDone(90)).as("the page ran its whole scenario").isTrue();
      assertThat(sink.await(e -> e instanceof HttpEvent h && h.url().endsWith("/api/done"), Duration.ofSeconds(20)))
          .as("the last request was captured; captured so far: %s", summary()).isTrue();
    }
    events = sink.events();
  }

  private static String summary() {
    return sink.events().stream().map(e -> e instanceof HttpEvent h ? h.url() : e.type())
        .collect(Collectors.groupingBy(Function.identity(), java.util.TreeMap::new, Collectors.counting())).toString();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  @Test
  void everyRequestTheSiteAnsweredIsCapturedExactlyOnceWithItsStatus() {
    for (String path : List.of("/", "/api/items", "/api/echo", "/api/upload", "/api/final", "/img/pixel.png",
        "/big", "/missing", "/worker.js", "/api/from-worker", "/sw.js", "/api/from-sw", "/frame.html",
        "/api/from-iframe", "/sse/finite", "/api/done")) {
      List<SiteLog.Hit> hits = site.log().hits(path);
      assertThat(hits).as("site answered %s", path).hasSize(1);
      List<HttpEvent> captured = sink.http(path);
      assertThat(captured).as("captured %s", path).hasSize(1);
      HttpEvent http = captured.get(0);
      assertThat(http.method()).as("method of %s", path).isEqualTo(hits.get(0).method());
      assertThat(http.response().status()).as("status of %s", path).isEqualTo(hits.get(0).status());
      if (hits.get(0).status() == 200 && !path.equals("/sw.js")) {
        assertThat(http.response().body().bytes()).as("body of %s", path).isEqualTo(hits.get(0).responseBody());
      }
    }
  }

  @Test
  void theFirstDocumentOfTheTabHasItsBody() {
    HttpEvent document = sink.http("/").get(0);
    assertThat(document.resourceType()).isEqualTo("document");
    assertThat(document.response().body().data()).contains("DataSipper test site");
    assertThat(document.source().targetType()).isEqualTo("page");
  }

  @Test
  void requestBodiesAreCapturedAsSent() {
    HttpEvent echo = sink.http("/api/echo").get(0);
    assertThat(echo.request().body().bytes()).isEqualTo(site.log().hits("/api/echo").get(0).requestBody());
    assertThat(echo.request().body().data()).isEqualTo("{\"order\":42,\"note\":\"h\u00e9llo\"}");
    HttpEvent upload = sink.http("/api/upload").get(0);
    assertThat(upload.request().body().bytes()).isEqualTo(site.log().hits("/api/upload").get(0).requestBody());
    assertThat(EventHeader.find(upload.request().headers(), "content-type")).startsWith("multipart/form-data");
  }

  @Test
  void credentialsAreRedactedByDefault() {
    HttpEvent echo = sink.http("/api/echo").get(0);
    assertThat(EventHeader.find(echo.request().headers(), "authorization")).isEqualTo(CaptureRules.REDACTED);
  }

  @Test
  void redirectChainIsRecordedOnTheFinalExchange() {
    assertThat(sink.http("/redirect/1")).isEmpty();
    HttpEvent last = sink.http("/api/final").get(0);
    assertThat(last.redirects()).extracting(HttpEvent.Redirect::status).containsExactly(302, 302);
    assertThat(last.redirects()).extracting(r -> java.net.URI.create(r.url()).getPath())
        .containsExactly("/redirect/1", "/redirect/2");
    assertThat(last.redirects()).extracting(HttpEvent.Redirect::location).containsExactly("/redirect/2", "/api/final");
  }

  @Test
  void binaryAndLargeBodiesAreWhole() {
    HttpEvent image = sink.http("/img/pixel.png").get(0);
    assertThat(image.response().body().encoding()).isEqualTo(Body.Encoding.BASE64);
    assertThat(image.response().body().bytes()).isEqualTo(TestSite.PIXEL_PNG);
    HttpEvent big = sink.http("/big").get(0);
    assertThat(big.response().body().size()).isEqualTo(TestSite.BIG_BODY_BYTES);
    assertThat(big.response().body().truncated()).isFalse();
  }

  @Test
  void aRefusedConnectionIsAFailedExchange() {
    List<HttpEvent> refused = sink.http("/refused");
    assertThat(refused).hasSize(1);
    assertThat(refused.get(0).response()).isNull();
    assertThat(refused.get(0).error().kind()).isEqualTo("net_error");
    assertThat(refused.get(0).error().text()).isEqualTo("net::ERR_CONNECTION_REFUSED");
  }

  @Test
  void workerServiceWorkerAndCrossOriginFrameRequestsNameTheirSource() {
    assertThat(sink.http("/api/from-worker").get(0).source().targetType()).isEqualTo("worker");
    assertThat(sink.http("/api/from-sw").get(0).source().targetType()).isEqualTo("service_worker");
    HttpEvent frame = sink.http("/api/from-iframe").get(0);
    assertThat(frame.url()).startsWith("http://localhost:");
    assertThat(frame.source().targetType()).isEqualTo("iframe");
    assertThat(frame.source().tabId()).isEqualTo(sink.http("/").get(0).source().tabId());
  }

  @Test
  void everyWebSocketFrameIsCapturedOnceAndInOrder() {
    List<WsFrameEvent> frames = sink.of(WsFrameEvent.class);
    assertThat(frames.stream().filter(f -> f.opcode() == WsFrameEvent.Opcode.TEXT).count())
        .isGreaterThanOrEqualTo(5_000);
    assertThat(payloads(frames, WsFrameEvent.Direction.SENT)).containsExactlyElementsOf(asPayloads(site.log().wsReceived()));
    assertThat(payloads(frames, WsFrameEvent.Direction.RECEIVED)).containsExactlyElementsOf(asPayloads(site.log().wsSent()));
    assertThat(sink.of(WsOpenEvent.class)).singleElement().satisfies(open -> assertThat(open.status()).isEqualTo(101));
    assertThat(frames).extracting(CaptureEvent::seq).isSorted();
  }

  @Test
  void everyServerSentEventIsCaptured() {
    List<SseEvent> sse = sink.of(SseEvent.class);
    List<SseEvent> viaEventSource = sse.stream().filter(e -> e.via() == SseEvent.Via.EVENT_SOURCE).toList();
    assertThat(viaEventSource).extracting(SseEvent::data).containsExactlyElementsOf(site.log().sseSent());
    assertThat(viaEventSource).allSatisfy(e -> assertThat(e.event()).isEqualTo("tick"));
    List<SseEvent> viaFetch = sse.stream().filter(e -> e.via() == SseEvent.Via.FETCH).toList();
    assertThat(viaFetch).hasSize(TestSite.SSE_FETCH_MESSAGES);
    for (int i = 0; i < viaFetch.size(); i++) {
      assertThat(viaFetch.get(i).data()).isEqualTo(TestSite.finiteSseData(i));
      assertThat(viaFetch.get(i).event()).isEqualTo("quote");
      assertThat(viaFetch.get(i).lastEventId()).isEqualTo("q" + i);
    }
  }

  /** What lets the dashboard list a stream's messages under the exchange that carried them. */
  @Test
  void anEventStreamsExchangeHasTheRequestIdOfItsMessages() {
    List<SseEvent> sse = sink.of(SseEvent.class);
    for (SseEvent.Via via : SseEvent.Via.values()) {
      List<SseEvent> messages = sse.stream().filter(e -> e.via() == via).toList();
      assertThat(messages).as("messages via %s", via).isNotEmpty();
      assertThat(messages).extracting(SseEvent::requestId).as("one stream via %s", via).containsOnly(
          messages.getFirst().requestId());
      String path = via == SseEvent.Via.EVENT_SOURCE ? "/sse/feed" : "/sse/finite";
      assertThat(sink.http(path)).as("the exchange of %s", path).singleElement()
          .satisfies(http -> assertThat(http.requestId()).isEqualTo(messages.getFirst().requestId()));
    }
    assertThat(sink.http("/api/items")).singleElement()
        .satisfies(http -> assertThat(http.requestId()).isNotBlank().isNotEqualTo(sse.getFirst().requestId()));
  }

  @Test
  void sequenceNumbersAndIdsAreUnique() {
    assertThat(events).extracting(CaptureEvent::seq).doesNotHaveDuplicates();
    Map<String, Long> ids = events.stream().collect(Collectors.groupingBy(CaptureEvent::id, Collectors.counting()));
    assertThat(ids.values()).allMatch(n -> n == 1);
  }

  private static List<String> payloads(List<WsFrameEvent> frames, WsFrameEvent.Direction direction) {
    return frames.stream().filter(f -> f.direction() == direction)
        .map(f -> f.opcode() == WsFrameEvent.Opcode.TEXT ? "t:" + f.payload().data() : "b:" + hex(f.payload().bytes()))
        .toList();
  }

  private static List<String> asPayloads(List<SiteLog.Frame> frames) {
    Function<SiteLog.Frame, String> f = fr -> fr.text() ? "t:" + fr.data() : "b:" + hex(fr.bytes());
    return frames.stream().map(f).toList();
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
