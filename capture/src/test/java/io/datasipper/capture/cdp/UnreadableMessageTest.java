package io.datasipper.capture.cdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Protocol messages the capture cannot read, on both transports: one over the size limit is
 * skipped without being held whole, one that is not JSON is not parsed; each is reported with what
 * its start tells, a lost reply fails its command, and reading goes on with the next message.
 */
class UnreadableMessageTest {
  private static final long LIMIT = 4096;
  private static final String FRAME_EVENT_START =
      "{\"method\":\"Network.webSocketFrameReceived\",\"params\":{\"requestId\":\"7.1\",\"response\":{\"payloadData\":\"";

  @Test
  void thePipeSkipsAnOversizeEventAndReadsOn() throws Exception {
    String huge = FRAME_EVENT_START + "x".repeat(1_000_000) + "\"}}}";
    String hugeReplyWithOddId = "{\"id\":123456789012345678901234567890,\"result\":{\"body\":\"" + "y".repeat(5000) + "\"}}";
    byte[] wire = String.join("\0", event("Network.a"), huge, "{not json", hugeReplyWithOddId, event("Network.b"), "")
        .getBytes(StandardCharsets.UTF_8);
    Received received = new Received();
    CdpConnection cdp = new CdpConnection(
        new PipeTransport(OutputStream.nullOutputStream(), new ByteArrayInputStream(wire), "test-pipe", LIMIT));

    cdp.start(e -> received.methods.add(e.method()), received.lost::add);
    cdp.closed().get(10, TimeUnit.SECONDS);

    assertThat(received.methods).containsExactly("Network.a", "Network.b");
    assertThat(received.lost).containsExactly(
        new LostMessage("Network.webSocketFrameReceived", "7.1", huge.length(),
            "it is over the 4.0 KiB limit on protocol messages"),
        new LostMessage("a message", null, 9, "it is not valid JSON: Unexpected character ('n' (code 110)):"
            + " was expecting double-quote to start field name"),
        new LostMessage("a message", null, hugeReplyWithOddId.length(), "it is over the 4.0 KiB limit on protocol messages"));
  }

  @Test
  void aWebSocketReplyOverTheLimitFailsItsCommandAndReadingGoesOn() throws Exception {
    Javalin browser = Javalin.create(cfg -> {
      cfg.jetty.host = "127.0.0.1";
      cfg.startup.showJavalinBanner = false;
      cfg.routes.ws("/devtools/browser/test", ws -> ws.onMessage(m -> answer(m, m.message())));
    }).start(0);
    Received received = new Received();
    CdpConnection cdp = new CdpConnection(new WebSocketTransport(
        URI.create("ws://127.0.0.1:" + browser.port() + "/devtools/browser/test"), LIMIT));
    try {
      cdp.start(e -> received.methods.add(e.method()), received.lost::add);

      CompletableFuture<JsonNode> body = cdp.send("s1", "Network.getResponseBody",
          CdpConnection.params().put("requestId", "42.3"));
      assertThatThrownBy(() -> body.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasMessageContaining("its reply of ").hasMessageContaining(" was dropped: it is over the");
      JsonNode version = cdp.send("Browser.getVersion", null).get(10, TimeUnit.SECONDS);

      assertThat(version.path("product").asText()).isEqualTo("Test/1");
      assertThat(received.lost).singleElement().satisfies(m -> {
        assertThat(m.what()).isEqualTo("the reply to Network.getResponseBody");
        assertThat(m.requestId()).isEqualTo("42.3");
        assertThat(m.size()).isGreaterThan(2_000_000);
      });
    } finally {
      cdp.close();
      browser.stop();
    }
  }

  /** Reading a message takes several times its size: a heap too small for it costs that message, not the reader. */
  @Test
  void aMessageTooLargeForTheHeapIsReportedAndReadingGoesOn() throws Exception {
    Path log = Files.createTempFile("heap-starved-", ".log");
    Process reader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), HeapStarvedReader.class.getName())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(reader.waitFor(60, TimeUnit.SECONDS)).as("the reader ended").isTrue();
    } finally {
      reader.destroyForcibly();
    }

    List<String> printed = Files.readAllLines(log);
    assertThat(printed).hasSize(3);
    assertThat(printed.get(0)).startsWith("lost LostMessage[what=Network.webSocketFrameReceived, requestId=3.1, size=6")
        .endsWith(", reason=the JVM had not enough free memory to read it]");
    assertThat(printed.subList(1, 3)).containsExactly("read Network.after", "closed: the browser closed the pipe");
    Files.delete(log);
  }

  /** A browser that answers getResponseBody with a 2 MB body and anything else with a version. */
  private static void answer(WsContext ws, String command) {
    long id = Long.parseLong(command.replaceAll(".*\"id\":(\\d+).*", "$1"));
    ws.send(command.contains("getResponseBody")
        ? "{\"id\":" + id + ",\"result\":{\"body\":\"" + "b".repeat(2_000_000) + "\",\"base64Encoded\":false}}"
        : "{\"id\":" + id + ",\"result\":{\"product\":\"Test/1\"}}");
  }

  private static String event(String method) {
    return "{\"method\":\"" + method + "\",\"params\":{}}";
  }

  private static final class Received {
    final List<String> methods = new CopyOnWriteArrayList<>();
    final List<LostMessage> lost = new CopyOnWriteArrayList<>();
  }
}
