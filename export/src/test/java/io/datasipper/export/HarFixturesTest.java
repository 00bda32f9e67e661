package io.datasipper.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HAR files that real tools recorded of the same small site (src/test/har/site.js, recorded by
 * src/test/har/make-fixtures.sh) import with what the page did: its document, a JSON fetch, a POST
 * with its body, an image, and its WebSocket.
 */
class HarFixturesTest {
  private static final Path FIXTURES = Path.of("src/test/har/fixtures");

  @ParameterizedTest
  @ValueSource(strings = {"playwright-chromium.har", "chromium-cdp.har", "mitmproxy.har"})
  void theSitesTrafficImports(String file) throws IOException {
    List<CaptureEvent> events = read(file);

    HttpEvent document = exchange(events, "/").orElseThrow();
    assertThat(document.response().status()).isEqualTo(200);
    assertThat(document.response().body().data()).contains("<title>fixture</title>");
    assertThat(document.startedAt()).isBefore(document.endedAt().plusNanos(1));

    HttpEvent items = exchange(events, "/api/items?q=red").orElseThrow();
    assertThat(items.method()).isEqualTo("GET");
    assertThat(items.response().mimeType()).isEqualTo("application/json");
    assertThat(items.response().body().data()).isEqualTo("[{\"sku\":\"A1\",\"price\":10.5}]");

    HttpEvent order = exchange(events, "/api/order").orElseThrow();
    assertThat(order.method()).isEqualTo("POST");
    assertThat(order.request().body().size()).isEqualTo(20);
    assertThat(order.response().status()).isEqualTo(201);

    HttpEvent pixel = exchange(events, "/pixel.png").orElseThrow();
    assertThat(pixel.response().mimeType()).isEqualTo("image/png");

    assertThat(events).allSatisfy(e -> assertThat(e.source().importedFrom()).endsWith(file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"playwright-chromium.har", "mitmproxy.har"})
  void aPostKeepsItsBodyText(String file) throws IOException {
    HttpEvent order = exchange(read(file), "/api/order").orElseThrow();
    assertThat(order.request().body().data()).isEqualTo("{\"sku\":\"A1\",\"qty\":2}");
  }

  /** chrome-har writes a JSON body as parameters only: the body is known by its size. */
  @ParameterizedTest
  @ValueSource(strings = {"chromium-cdp.har"})
  void aPostGivenAsParametersSaysItsTextIsMissing(String file) throws IOException {
    HttpEvent order = exchange(read(file), "/api/order").orElseThrow();
    assertThat(order.request().body().omitted()).isEqualTo("only the body's parameters are in the HAR file");
  }

  @ParameterizedTest
  @ValueSource(strings = {"playwright-chromium.har", "mitmproxy.har"})
  void theWebSocketHandshakeImports(String file) throws IOException {
    List<CaptureEvent> events = read(file);
    assertThat(events).filteredOn(WsOpenEvent.class::isInstance).map(WsOpenEvent.class::cast)
        .singleElement()
        .satisfies(open -> {
          assertThat(open.status()).isEqualTo(101);
          assertThat(open.url()).startsWith("ws://").endsWith("/live");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"playwright-chromium.har"})
  void webSocketMessagesImportAsFrames(String file) throws IOException {
    List<WsFrameEvent> frames = read(file).stream().filter(WsFrameEvent.class::isInstance)
        .map(WsFrameEvent.class::cast).toList();
    assertThat(frames).extracting(WsFrameEvent::direction, WsFrameEvent::opcode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(WsFrameEvent.Direction.SENT, WsFrameEvent.Opcode.TEXT),
            org.assertj.core.groups.Tuple.tuple(WsFrameEvent.Direction.SENT, WsFrameEvent.Opcode.BINARY),
            org.assertj.core.groups.Tuple.tuple(WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT),
            org.assertj.core.groups.Tuple.tuple(WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.BINARY));
    assertThat(frames.get(0).payload().data()).isEqualTo("hello");
    assertThat(frames.get(1).payload().bytes()).containsExactly(0, 1, 2, 3);
    // Playwright writes message times in milliseconds since the epoch, Chrome in seconds: either way
    // a frame comes out at the time of the capture (the fixture was made on 2026-12-02).
    assertThat(frames).allSatisfy(f -> assertThat(f.timestamp().toString()).startsWith("2026-12-02T"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"playwright-chromium.har", "chromium-cdp.har", "mitmproxy.har"})
  void whatWasImportedExportsAgain(String file, @TempDir Path spool) throws IOException {
    List<CaptureEvent> imported = read(file);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (HarWriter har = HarWriter.create(spool)) {
      imported.forEach(har::add);
      har.writeTo(out);
    }
    List<CaptureEvent> again = new ArrayList<>();
    new HarReader(new EventStamps(1, "test"), "again.har").read(new ByteArrayInputStream(out.toByteArray()), again::add);
    assertThat(again).extracting(CaptureEvent::type).containsExactlyInAnyOrderElementsOf(
        imported.stream().map(CaptureEvent::type).toList());
  }

  private static Optional<HttpEvent> exchange(List<CaptureEvent> events, String path) {
    return events.stream().filter(HttpEvent.class::isInstance).map(HttpEvent.class::cast)
        .filter(e -> e.url().replaceFirst("^https?://[^/]+", "").equals(path)).findFirst();
  }

  private static List<CaptureEvent> read(String file) throws IOException {
    List<CaptureEvent> events = new ArrayList<>();
    try (InputStream in = Files.newInputStream(FIXTURES.resolve(file))) {
      new HarReader(new EventStamps(1, "test"), FIXTURES.resolve(file).toString()).read(in, events::add);
    }
    return events;
  }
}
