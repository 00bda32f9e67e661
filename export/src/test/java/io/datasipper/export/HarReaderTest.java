package io.datasipper.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WebSocketEvent;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsErrorEvent;
import io.datasipper.api.event.WsFrameEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading HAR files back as events: DataSipper's own export round trip, and the errors a bad file gets. */
class HarReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path spool;

  @Test
  void exportThenImportThenExportGivesTheSameEntries() throws IOException {
    byte[] first = export(SampleCapture.events());
    List<CaptureEvent> imported = read(first);
    byte[] second = export(imported);

    JsonNode before = JSON.readTree(first).path("log").path("entries");
    JsonNode after = JSON.readTree(second).path("log").path("entries");
    assertThat(after.size()).isEqualTo(before.size()).isGreaterThan(5);
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i)).as("entry %d", i).isEqualTo(before.get(i));
    }
  }

  @Test
  void importedEventsNameTheirFileAndNode() throws IOException {
    List<CaptureEvent> imported = read(export(SampleCapture.events()));
    assertThat(imported).allSatisfy(e -> {
      assertThat(e.source().importedFrom()).isEqualTo("/data/sample.har");
      assertThat(e.source().node()).isEqualTo("importer-1");
    });
    assertThat(imported).extracting(CaptureEvent::seq).doesNotHaveDuplicates().startsWith(100L);
  }

  @Test
  void webSocketMessagesAndSseMessagesBecomeTheirOwnEvents() throws IOException {
    List<CaptureEvent> imported = read(export(SampleCapture.events()));
    List<WsFrameEvent> frames = imported.stream().filter(WsFrameEvent.class::isInstance)
        .map(WsFrameEvent.class::cast).toList();
    assertThat(frames).extracting(WsFrameEvent::opcode).contains(WsFrameEvent.Opcode.TEXT, WsFrameEvent.Opcode.BINARY);
    assertThat(imported).filteredOn(SseEvent.class::isInstance).isNotEmpty();
  }

  @Test
  void anImportedEventStreamHasTheRequestIdOfItsMessages() throws IOException {
    List<CaptureEvent> imported = read(export(SampleCapture.events()));
    HttpEvent stream = imported.stream().filter(HttpEvent.class::isInstance).map(HttpEvent.class::cast)
        .filter(e -> e.url().equals("http://news.test/stream")).findFirst().orElseThrow();
    assertThat(stream.requestId()).isNotNull();
    assertThat(imported).filteredOn(SseEvent.class::isInstance).map(SseEvent.class::cast)
        .filteredOn(e -> e.url().equals("http://news.test/stream"))
        .hasSize(2).allSatisfy(e -> assertThat(e.requestId()).isEqualTo(stream.requestId()));
    assertThat(imported).filteredOn(HttpEvent.class::isInstance).map(HttpEvent.class::cast)
        .filteredOn(e -> !e.url().equals("http://news.test/stream"))
        .as("an exchange without messages has no request id to join").allSatisfy(e -> assertThat(e.requestId()).isNull());
  }

  @Test
  void aWebSocketConnectionComesBackWithTheEventsItHad() throws IOException {
    Instant at = Instant.parse("2026-03-01T09:00:05Z");
    List<CaptureEvent> captured = new ArrayList<>(SampleCapture.events());
    // Opened before the capture attached (no handshake, no URL), then closed with no message seen.
    captured.add(new WsCloseEvent("idle-close", 9001, at, "ws-idle", "", SampleCapture.SHOP));
    // Also opened before, and closed in the millisecond of its last message.
    captured.add(new WsFrameEvent("late-frame", 9002, at, "ws-late", "", WsFrameEvent.Direction.RECEIVED,
        WsFrameEvent.Opcode.TEXT, Body.text("bye", 3, false), 3, SampleCapture.SHOP));
    captured.add(new WsCloseEvent("late-close", 9003, at, "ws-late", "", SampleCapture.SHOP));

    List<CaptureEvent> imported = read(export(captured));

    // HAR keeps no control frames: Chrome lists text and binary messages only.
    List<CaptureEvent> exportable = captured.stream()
        .filter(e -> !(e instanceof WsFrameEvent f && f.opcode() == WsFrameEvent.Opcode.CONTROL)).toList();
    assertThat(connections(imported)).containsExactlyInAnyOrderElementsOf(connections(exportable))
        .contains(List.of("ws_open", "ws_frame", "ws_frame", "ws_frame", "ws_frame", "ws_close"),
            List.of("ws_frame", "ws_error"), List.of("ws_close"), List.of("ws_frame", "ws_close"));
  }

  @Test
  void aWebSocketErrorComesBackAtItsOwnTimeAmongTheMessages() throws IOException {
    Instant at = Instant.parse("2026-03-01T09:00:05Z");
    String url = "ws://feed.test/prices";
    List<CaptureEvent> captured = List.of(
        new WsFrameEvent("before", 1, at, "ws-broken", url, WsFrameEvent.Direction.RECEIVED,
            WsFrameEvent.Opcode.TEXT, Body.text("10", 2, false), 2, SampleCapture.SHOP),
        new WsErrorEvent("error", 2, at.plusMillis(10), "ws-broken", url, "Invalid frame header", SampleCapture.SHOP),
        new WsFrameEvent("after", 3, at.plusMillis(20), "ws-broken", url, WsFrameEvent.Direction.SENT,
            WsFrameEvent.Opcode.TEXT, Body.text("again", 5, false), 5, SampleCapture.SHOP),
        new WsCloseEvent("close", 4, at.plusMillis(30), "ws-broken", url, SampleCapture.SHOP));

    List<CaptureEvent> imported = read(export(captured));

    assertThat(imported).extracting(CaptureEvent::type).containsExactly("ws_frame", "ws_error", "ws_frame", "ws_close");
    assertThat(imported).extracting(CaptureEvent::timestamp).containsExactlyElementsOf(
        captured.stream().map(CaptureEvent::timestamp).toList());
  }

  @Test
  void aWebSocketFlagThatIsNotABooleanIsReportedWithItsPath() {
    String har = "{\"log\": {\"entries\": [{\"startedDateTime\": \"2026-03-01T10:00:00Z\", \"time\": 0,"
        + " \"request\": {\"method\": \"GET\", \"url\": \"ws://a.test/\", \"headers\": []},"
        + " \"response\": {\"status\": 101, \"headers\": []}, \"_webSocketMessages\": [],"
        + " \"_webSocketClosed\": \"yes\"}]}}";
    assertThatThrownBy(() -> read(har)).isInstanceOf(HarFormatException.class)
        .hasMessage("log.entries[0]._webSocketClosed: expected true or false");
  }

  /** The types of each WebSocket connection's events, in order. */
  private static Collection<List<String>> connections(List<CaptureEvent> events) {
    return events.stream().filter(WebSocketEvent.class::isInstance).map(WebSocketEvent.class::cast)
        .collect(Collectors.groupingBy(WebSocketEvent::connectionId, LinkedHashMap::new,
            Collectors.mapping(CaptureEvent::type, Collectors.toList())))
        .values();
  }

  @Test
  void aWrongTypeIsReportedWithItsJsonPath() throws IOException {
    ObjectNode har = (ObjectNode) JSON.readTree(export(SampleCapture.events()));
    ((ObjectNode) har.path("log").path("entries").get(3).path("response")).put("status", "two hundred");
    byte[] bad = JSON.writeValueAsBytes(har);

    List<CaptureEvent> handed = new ArrayList<>();
    assertThatThrownBy(() -> reader().read(new ByteArrayInputStream(bad), handed::add))
        .isInstanceOf(HarFormatException.class)
        .hasMessage("log.entries[3].response.status: expected a number");
  }

  @Test
  void aGzippedFileReadsAsTheHarItHolds() throws IOException {
    byte[] har = export(SampleCapture.events());

    List<CaptureEvent> plain = read(har);
    List<CaptureEvent> unzipped = read(gzip(har));

    assertThat(unzipped).extracting(CaptureEvent::type, CaptureEvent::timestamp)
        .isNotEmpty().containsExactlyElementsOf(plain.stream().map(e -> tuple(e.type(), e.timestamp())).toList());
    assertThat(JSON.readTree(export(unzipped)).path("log").path("entries"))
        .isEqualTo(JSON.readTree(export(plain)).path("log").path("entries"));
  }

  @Test
  void aGzippedFileCutOffOrCorruptIsReportedAsSuch() throws IOException {
    byte[] gzipped = gzip(export(SampleCapture.events()));
    byte[] cut = Arrays.copyOf(gzipped, gzipped.length / 2);
    byte[] corrupt = Arrays.copyOf(gzipped, gzipped.length);
    Arrays.fill(corrupt, 10, 40, (byte) 0xff);

    assertThatThrownBy(() -> read(cut)).isInstanceOf(HarFormatException.class)
        .hasMessage("gzipped, but cut off before the end of its data");
    assertThatThrownBy(() -> read(corrupt)).isInstanceOf(HarFormatException.class)
        .hasMessageStartingWith("gzipped, but its data cannot be read: ");
  }

  @Test
  void anEmptyFileIsReportedAsEmpty() {
    assertThatThrownBy(() -> read("")).hasMessage("empty");
    assertThatThrownBy(() -> read(" \n")).hasMessage("empty");
  }

  /** A problem of the whole file has no path in its message: no "(file)" for the reader to puzzle over. */
  @Test
  void aFileThatIsNotJsonAtAllIsReportedWithoutAPath() {
    assertThatThrownBy(() -> read("<html>")).hasMessageStartingWith("not JSON: Unexpected character ('<'");
    assertThatThrownBy(() -> read("[]")).hasMessage("expected a JSON object with a \"log\"");
  }

  @Test
  void missingFieldsAndBrokenJsonAreReportedWithTheirPath() {
    assertThatThrownBy(() -> read("{\"log\": {\"entries\": [{\"startedDateTime\": \"2026-03-01T10:00:00Z\","
        + " \"request\": {\"method\": \"GET\"}, \"response\": {\"status\": 200}}]}}"))
        .hasMessage("log.entries[0].request.url: missing");
    assertThatThrownBy(() -> read("{\"log\": {\"entries\": [{\"startedDateTime\": \"yesterday\"}]}}"))
        .hasMessageStartingWith("log.entries[0].request: missing");
    assertThatThrownBy(() -> read("{\"log\": {\"entries\": [{}, {\"request\": {\"url\": \"x\",]}}"))
        .hasMessageStartingWith("log.entries[0].request: missing");
    assertThatThrownBy(() -> read("{\"log\": {\"entries\": [{\"request\": {\"url\": \"x\",]}}"))
        .hasMessageStartingWith("log.entries[0].request.url: not JSON");
    assertThatThrownBy(() -> read("{\"notlog\": 1}")).hasMessage("log: missing");
  }

  @Test
  void aFailedRequestKeepsTheBrowsersError() throws IOException {
    List<CaptureEvent> imported = read(export(SampleCapture.events()));
    assertThat(imported).filteredOn(HttpEvent.class::isInstance).map(HttpEvent.class::cast)
        .filteredOn(e -> e.response() == null)
        .allSatisfy(e -> assertThat(e.error().text()).startsWith("net::"))
        .isNotEmpty();
  }

  @Test
  void anAbortedRequestIsCanceledAndABlockedOneBlocked() throws IOException {
    String entry = "{\"startedDateTime\": \"2026-03-01T10:00:00+01:00\", \"time\": 3,"
        + " \"request\": {\"method\": \"GET\", \"url\": \"http://a.test/%s\", \"headers\": []},"
        + " \"response\": {\"status\": 0, \"headers\": []}, \"_error\": \"%s\"}";
    List<CaptureEvent> events = read("{\"log\": {\"entries\": [" + entry.formatted("a", "net::ERR_ABORTED") + ", "
        + entry.formatted("b", "net::ERR_BLOCKED_BY_CLIENT") + ", " + entry.formatted("c", "net::ERR_FAILED") + "]}}");

    assertThat(events).map(e -> ((HttpEvent) e).error().kind()).containsExactly("canceled", "blocked", "net_error");
    assertThat(events.getFirst().timestamp()).isEqualTo(java.time.Instant.parse("2026-03-01T09:00:00.003Z"));
  }

  private byte[] export(List<CaptureEvent> events) throws IOException {
    try (HarWriter har = HarWriter.create(spool)) {
      events.forEach(har::add);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      har.writeTo(out);
      return out.toByteArray();
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    }
    return out.toByteArray();
  }

  private static HarReader reader() {
    return new HarReader(new EventStamps(100, "importer-1"), "/data/sample.har");
  }

  private static List<CaptureEvent> read(byte[] har) throws IOException {
    List<CaptureEvent> events = new ArrayList<>();
    reader().read(new ByteArrayInputStream(har), events::add);
    return events;
  }

  private static List<CaptureEvent> read(String har) throws IOException {
    return read(har.getBytes(StandardCharsets.UTF_8));
  }
}
