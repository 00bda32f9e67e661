package io.datasipper.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsFrameEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path har;
  private HarSummary summary;
  private JsonNode log;

  @BeforeEach
  void exportSample() throws IOException {
    har = dir.resolve("sample.har");
    try (HarWriter writer = HarWriter.create(dir); OutputStream out = Files.newOutputStream(har)) {
      SampleCapture.events().forEach(writer::add);
      summary = writer.writeTo(out);
    }
    log = JSON.readTree(har.toFile()).path("log");
  }

  @Test
  void harValidatorAcceptsTheExport() throws Exception {
    NodeTool.Result result = NodeTool.installed().run("validate-har.js", har.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void harValidatorRejectsAnEntryWithoutTimings() throws Exception {
    ObjectNode broken = (ObjectNode) JSON.readTree(har.toFile());
    ((ObjectNode) broken.path("log").path("entries").get(0)).remove("timings");
    Path brokenHar = dir.resolve("broken.har");
    JSON.writeValue(brokenHar.toFile(), broken);

    NodeTool.Result result = NodeTool.installed().run("validate-har.js", brokenHar.toString());

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output()).contains("timings");
  }

  @Test
  void logHasVersionCreatorPagesAndTheCaptureGaps() {
    assertThat(log.path("version").asText()).isEqualTo("1.2");
    assertThat(log.path("creator").path("name").asText()).isEqualTo("DataSipper");
    assertThat(log.path("creator").path("version").asText()).isNotEmpty();
    assertThat(log.path("comment").asText())
        .isEqualTo("DataSipper: 1 capture gap(s), 12 event(s) dropped; capture errors: browser_exited");
    assertThat(log.path("pages")).hasSize(2);
    JsonNode shop = log.path("pages").get(0);
    assertThat(shop.path("id").asText()).isEqualTo("TAB-A");
    assertThat(shop.path("title").asText()).isEqualTo("http://shop.test/");
    assertThat(shop.path("startedDateTime").asText()).isEqualTo(SampleCapture.T0.toString());
    assertThat(log.path("pages").get(1).path("id").asText()).isEqualTo("TAB-B");
    assertThat(entry("http://news.test/").path("pageref").asText()).isEqualTo("TAB-B");
  }

  @Test
  void entriesAreOrderedByStartNotByEnd() {
    List<Instant> starts = entries().stream().map(e -> Instant.parse(e.path("startedDateTime").asText())).toList();

    assertThat(starts).isSorted();
    assertThat(entries().stream().map(e -> e.path("request").path("url").asText()).limit(3))
        .containsExactly("http://shop.test/", "http://shop.test/img/logo.png", SampleCapture.SEARCH_URL);
  }

  @Test
  void summaryCountsEntriesConnectionsAndMessages() {
    // 8 exchanges + 2 redirect hops + 2 WebSocket connections + 1 SSE stream without exchange
    assertThat(summary).isEqualTo(new HarSummary(13, 2, 5));
    assertThat(entries()).hasSize(13);
  }

  @Test
  void getHasQueryStringCookiesAndServerAddress() {
    JsonNode search = entry(SampleCapture.SEARCH_URL);
    assertThat(nameValues(search.path("request").path("queryString")))
        .containsExactly("q=red shoes", "size=42", "tag=a&b");
    assertThat(nameValues(search.path("request").path("cookies"))).containsExactly("session=abc123", "theme=dark");
    assertThat(search.path("request").path("httpVersion").asText()).isEqualTo("HTTP/1.1");
    assertThat(search.path("request").has("postData")).isFalse();
    assertThat(search.path("serverIPAddress").asText()).isEqualTo("203.0.113.5");
    assertThat(search.path("_resourceType").asText()).isEqualTo("fetch");
    assertThat(search.path("_initiator").path("url").asText()).isEqualTo("http://shop.test/app.js");
    assertThat(search.path("response").path("bodySize").asLong()).as("gzip: wire size unknown").isEqualTo(-1);
    assertThat(search.path("response").path("content").path("text").asText()).isEqualTo("[{\"sku\":\"A1\"}]");
  }

  @Test
  void documentHasSetCookiesTimingsAndHttp2() {
    JsonNode doc = entry("http://shop.test/");
    JsonNode cookies = doc.path("response").path("cookies");
    assertThat(nameValues(cookies)).containsExactly("session=abc123", "theme=dark");
    assertThat(cookies.get(0).path("path").asText()).isEqualTo("/");
    assertThat(cookies.get(0).path("expires").asText()).isEqualTo("2026-10-21T07:28:00Z");
    assertThat(cookies.get(0).path("httpOnly").asBoolean()).isTrue();
    assertThat(cookies.get(0).path("secure").asBoolean()).isTrue();
    assertThat(cookies.get(1).path("domain").asText()).isEqualTo("shop.test");
    assertThat(cookies.get(1).path("httpOnly").asBoolean()).isFalse();
    assertThat(doc.path("response").path("httpVersion").asText()).isEqualTo("HTTP/2.0");
    assertThat(doc.path("serverIPAddress").asText()).isEqualTo("2001:db8::1");
    JsonNode t = doc.path("timings");
    assertThat(List.of(t.path("blocked").asDouble(), t.path("dns").asDouble(), t.path("connect").asDouble(),
        t.path("ssl").asDouble(), t.path("send").asDouble(), t.path("wait").asDouble(), t.path("receive").asDouble()))
        .containsExactly(1.5, 10.0, 20.0, 12.0, 0.2, 50.25, 3.1);
    assertThat(doc.path("time").asDouble()).as("sum of phases, ssl being part of connect").isEqualTo(85.05);
  }

  @Test
  void postHasItsJsonBody() {
    JsonNode post = entry("http://shop.test/api/cart");
    assertThat(post.path("request").path("method").asText()).isEqualTo("POST");
    assertThat(post.path("request").path("postData").path("mimeType").asText()).isEqualTo("application/json");
    assertThat(post.path("request").path("postData").path("text").asText()).isEqualTo("{\"sku\":\"A1\",\"qty\":2}");
    assertThat(post.path("request").path("bodySize").asLong()).isEqualTo(20);
    assertThat(post.path("response").path("status").asInt()).isEqualTo(201);
    assertThat(post.path("timings").path("blocked").asDouble()).isEqualTo(-1);
  }

  @Test
  void binaryResponseIsBase64() {
    JsonNode content = entry("http://shop.test/img/logo.png").path("response").path("content");
    assertThat(content.path("encoding").asText()).isEqualTo("base64");
    assertThat(Base64.getDecoder().decode(content.path("text").asText())).isEqualTo(SampleCapture.PNG);
    assertThat(content.path("size").asLong()).isEqualTo(SampleCapture.PNG.length);
    assertThat(content.path("mimeType").asText()).isEqualTo("image/png");
  }

  @Test
  void redirectChainIsOneEntryPerHopThenTheFinalResponse() {
    List<JsonNode> all = entries();
    int first = all.indexOf(entry("http://shop.test/old"));
    List<JsonNode> chain = all.subList(first, first + 3);

    assertThat(chain).extracting(e -> e.path("request").path("url").asText())
        .containsExactly("http://shop.test/old", "http://shop.test/new", "http://shop.test/final");
    assertThat(chain).extracting(e -> e.path("response").path("status").asInt()).containsExactly(301, 302, 200);
    assertThat(chain).extracting(e -> e.path("response").path("redirectURL").asText())
        .containsExactly("http://shop.test/new", "/final", "");
    assertThat(nameValues(chain.get(1).path("response").path("headers"))).containsExactly("Location=/final");
    JsonNode content = chain.get(2).path("response").path("content");
    assertThat(content.has("text")).isFalse();
    assertThat(content.path("comment").asText()).isEqualTo("body not captured: body not kept for mime type text/html");
  }

  @Test
  void failedRequestHasStatusZeroAndTheBrowsersError() {
    JsonNode failed = entry("http://down.test/api");
    assertThat(failed.path("response").path("status").asInt()).isZero();
    assertThat(failed.path("_error").asText()).isEqualTo("net::ERR_CONNECTION_REFUSED");
    assertThat(failed.path("timings").path("send").asDouble()).isZero();
  }

  @Test
  void webSocketIsAnEntryWithItsMessagesInChromesForm() {
    JsonNode ws = entry("ws://shop.test/live?room=1");
    assertThat(ws.path("_resourceType").asText()).isEqualTo("websocket");
    assertThat(ws.path("request").path("method").asText()).isEqualTo("GET");
    assertThat(ws.path("response").path("status").asInt()).isEqualTo(101);
    assertThat(ws.path("response").path("statusText").asText()).isEqualTo("Switching Protocols");
    assertThat(nameValues(ws.path("request").path("cookies"))).containsExactly("session=abc123");
    assertThat(nameValues(ws.path("request").path("queryString"))).containsExactly("room=1");
    assertThat(ws.path("startedDateTime").asText()).isEqualTo(SampleCapture.at(700).toString());
    assertThat(ws.path("time").asDouble()).as("open to close").isEqualTo(100.0);
    assertThat(ws.path("pageref").asText()).isEqualTo("TAB-A");

    JsonNode messages = ws.path("_webSocketMessages");
    assertThat(messages).as("control frames are left out, as Chrome does").hasSize(4);
    assertThat(messages).extracting(m -> m.path("type").asText() + " " + m.path("opcode").asInt() + " " + m.path("data").asText())
        .containsExactly("send 1 hello", "receive 1 {\"price\":10}", "send 2 AAEC", "receive 2 /wA=");
    assertThat(messages.get(0).path("time").isDouble()).isTrue();
    assertThat(messages.get(0).path("time").asDouble())
        .isCloseTo(SampleCapture.at(710).toEpochMilli() / 1000.0, Offset.offset(1e-6));
  }

  @Test
  void webSocketWithoutHandshakeGets101FromItsFramesAndKeepsItsError() {
    JsonNode ticker = entry("ws://news.test/ticker");
    assertThat(ticker.path("response").path("status").asInt()).isEqualTo(101);
    assertThat(ticker.path("_error").asText()).isEqualTo("Invalid frame header");
    assertThat(ticker.path("_webSocketMessages")).singleElement()
        .satisfies(m -> assertThat(m.path("data").asText()).isEqualTo("tick"));
  }

  @Test
  void sseMessagesJoinTheExchangeThatCarriedThem() {
    JsonNode stream = entry("http://news.test/stream");
    JsonNode messages = stream.path("_eventSourceMessages");
    assertThat(messages).hasSize(2);
    assertThat(messages.get(1).path("eventName").asText()).isEqualTo("update");
    assertThat(messages.get(1).path("eventId").asText()).isEqualTo("2");
    assertThat(messages.get(1).path("data").asText()).isEqualTo("{\"headline\":\"DataSipper 1.0\"}");
    assertThat(messages.get(0).path("time").asDouble())
        .isCloseTo(SampleCapture.at(1000).toEpochMilli() / 1000.0, Offset.offset(1e-6));
  }

  @Test
  void sseStreamWithoutExchangeGetsAnEntryOfItsOwn() {
    JsonNode feed = entry("http://news.test/feed");
    assertThat(feed.path("response").path("content").path("mimeType").asText()).isEqualTo("text/event-stream");
    assertThat(feed.path("_resourceType").asText()).isEqualTo("fetch");
    assertThat(feed.path("comment").asText()).contains("not captured");
    assertThat(feed.path("_eventSourceMessages")).singleElement()
        .satisfies(m -> assertThat(m.path("eventId").asText()).isEmpty());
  }

  /** Two streams of one URL open at once in one tab: matched by time alone, their messages would swap entries. */
  @Test
  void sseMessagesJoinTheExchangeWithTheirRequestIdWhenStreamsOverlap() throws IOException {
    String url = "http://news.test/live";
    List<CaptureEvent> events = List.of(
        new SseEvent("s1", 1, SampleCapture.at(500), "req-1", url, "message", null, "first",
            SseEvent.Via.EVENT_SOURCE, null),
        new SseEvent("s2", 2, SampleCapture.at(600), "req-2", url, "message", null, "second",
            SseEvent.Via.EVENT_SOURCE, null),
        eventStream(3, "req-2", 100, 900),
        eventStream(4, "req-1", 0, 1000));
    Path out = dir.resolve("streams.har");
    try (HarWriter writer = HarWriter.create(dir); OutputStream os = Files.newOutputStream(out)) {
      events.forEach(writer::add);
      assertThat(writer.writeTo(os)).isEqualTo(new HarSummary(2, 0, 0));
    }
    JsonNode entries = JSON.readTree(out.toFile()).path("log").path("entries");
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).path("_eventSourceMessages")).as("req-1, started at 0").singleElement()
        .satisfies(m -> assertThat(m.path("data").asText()).isEqualTo("first"));
    assertThat(entries.get(1).path("_eventSourceMessages")).as("req-2, started at 100").singleElement()
        .satisfies(m -> assertThat(m.path("data").asText()).isEqualTo("second"));
  }

  private static HttpEvent eventStream(long seq, String requestId, long startMs, long endMs) {
    return new HttpEvent("h" + seq, seq, SampleCapture.at(startMs), SampleCapture.at(endMs), requestId,
        "http://news.test/live", "GET", new HttpEvent.HttpRequest(List.of(), null),
        new HttpEvent.HttpResponse(200, "OK", List.of(), "text/event-stream", null, "http/1.1", null, null, false),
        null, List.of(), null, "eventsource", null, null);
  }

  @Test
  void manyInterleavedFramesStayGroupedPerConnectionInOrder() throws IOException {
    List<CaptureEvent> events = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      String connection = "c" + (i % 3);
      events.add(new WsFrameEvent("f" + i, i + 1, SampleCapture.at(i), connection, "wss://x.test/" + connection,
          WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT, Body.text(Integer.toString(i), 4, false), 4,
          null));
    }
    Path out = dir.resolve("frames.har");
    try (HarWriter writer = HarWriter.create(dir); OutputStream os = Files.newOutputStream(out)) {
      events.forEach(writer::add);
      assertThat(writer.writeTo(os)).isEqualTo(new HarSummary(3, 3, 3000));
    }
    JsonNode c1 = JSON.readTree(out.toFile()).path("log").path("entries").get(1);
    assertThat(c1.path("request").path("url").asText()).isEqualTo("wss://x.test/c1");
    assertThat(c1.path("_webSocketMessages")).hasSize(1000);
    assertThat(c1.path("_webSocketMessages").get(999).path("data").asText()).isEqualTo("2998");
    assertThat(c1.has("pageref")).isFalse();
  }

  @Test
  void sparseAndRedactedEventsStillMakeValidHar() throws Exception {
    List<CaptureEvent> events = List.of(
        new HttpEvent("h1", 1, SampleCapture.at(0), SampleCapture.at(1), null, "http://x.test/?a=%zz&b", "GET",
            new HttpEvent.HttpRequest(List.of(new EventHeader("Cookie", "[redacted]")), null),
            new HttpEvent.HttpResponse(204, null, List.of(new EventHeader("Set-Cookie", "[redacted]")), null, null,
                null, null, null, true),
            null, null, null, null, null, null),
        new WsFrameEvent("f1", 2, SampleCapture.at(2), "late", "", WsFrameEvent.Direction.RECEIVED,
            WsFrameEvent.Opcode.TEXT, Body.omitted(9, "too big"), 9, null));
    Path out = dir.resolve("sparse.har");
    try (HarWriter writer = HarWriter.create(dir); OutputStream os = Files.newOutputStream(out)) {
      events.forEach(writer::add);
      writer.writeTo(os);
    }

    NodeTool.Result result = NodeTool.installed().run("validate-har.js", out.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    JsonNode entries = JSON.readTree(out.toFile()).path("log").path("entries");
    JsonNode http = entries.get(0);
    assertThat(http.path("request").path("cookies")).as("a redacted header has no cookies").isEmpty();
    assertThat(http.path("response").path("cookies")).isEmpty();
    assertThat(nameValues(http.path("request").path("queryString"))).containsExactly("a=%zz", "b=");
    assertThat(http.path("response").path("bodySize").asLong()).as("from cache").isZero();
    assertThat(http.path("response").path("content").path("mimeType").asText()).isEqualTo("x-unknown");
    JsonNode ws = entries.get(1);
    assertThat(ws.path("request").path("url").asText()).isEqualTo("ws://unknown.invalid/");
    assertThat(ws.path("comment").asText()).contains("before DataSipper attached");
    assertThat(ws.path("_webSocketMessages").get(0).path("data").asText()).isEmpty();
    assertThat(JSON.readTree(out.toFile()).path("log").path("pages")).isEmpty();
  }

  @Test
  void spoolFileIsDeletedOnClose() throws IOException {
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sample.har");
    }
  }

  /** What an export of an encrypted store parks on disk while it runs holds no event's text, and the HAR is the same. */
  @Test
  void aSealedSpoolHoldsNoEventTextAndWritesTheSameHar() throws IOException {
    Path plainDir = Files.createDirectory(dir.resolve("plain"));
    Path sealedDir = Files.createDirectory(dir.resolve("sealed"));
    ByteArrayOutputStream plainHar = new ByteArrayOutputStream();
    ByteArrayOutputStream sealedHar = new ByteArrayOutputStream();
    try (HarWriter plain = HarWriter.create(plainDir); HarWriter sealed = HarWriter.createSealed(sealedDir)) {
      SampleCapture.events().forEach(e -> {
        plain.add(e);
        sealed.add(e);
      });
      plain.writeTo(plainHar);
      sealed.writeTo(sealedHar);
      // Read while the writers are open: the spool files go when they close.
      assertThat(spoolText(plainDir)).as("the check sees event text in a spool").contains("http://shop.test/api/cart", "<html>shop</html>");
      assertThat(spoolText(sealedDir)).doesNotContain("sku", "shop.test", "<html>");
    }
    assertThat(sealedHar.toString(StandardCharsets.UTF_8)).isEqualTo(plainHar.toString(StandardCharsets.UTF_8));
  }

  /**
   * The bytes of the spool file open in {@code spoolDir}, read through this process's descriptor of
   * it: the JDK unlinks a file opened to be deleted on close as soon as it opens it (on Linux).
   */
  private static String spoolText(Path spoolDir) throws IOException {
    List<Path> spools = new ArrayList<>();
    try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : descriptors.toList()) {
        try {
          if (Files.readSymbolicLink(fd).toString().startsWith(spoolDir + "/.datasipper-export-")) {
            spools.add(fd);
          }
        } catch (IOException closedMeanwhile) {
          // the listing's own descriptor, or one another thread closed: not a spool
        }
      }
    }
    assertThat(spools).as("the spool files open in %s", spoolDir).hasSize(1);
    return new String(Files.readAllBytes(spools.getFirst()), StandardCharsets.ISO_8859_1);
  }

  private List<JsonNode> entries() {
    return StreamSupport.stream(log.path("entries").spliterator(), false).toList();
  }

  private JsonNode entry(String url) {
    return entries().stream().filter(e -> e.path("request").path("url").asText().equals(url)).findFirst()
        .orElseThrow(() -> new AssertionError("no entry for " + url));
  }

  private static List<String> nameValues(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(p -> p.path("name").asText() + "=" + p.path("value").asText()).toList();
  }
}
