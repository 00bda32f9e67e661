package io.datasipper.capture.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.CollectingSink;
import io.datasipper.capture.cdp.CdpConnection;
import io.datasipper.capture.cdp.CdpTransport;
import io.datasipper.capture.cdp.DroppedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browser's side of a fetch-read event stream, scripted: what happens when it refuses to stream
 * (a browser without {@code Network.streamResourceContent}), which arrival time buffered messages
 * get, and the body made of the streamed bytes. The real browser's side is in {@code FetchEventStreamTest}.
 */
class EventStreamRecordingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double WALL_AT_ZERO = 1_700_000_000;
  private static final TargetRef TAB = new TargetRef("S1", "T1", "page", "T1", "http://a.test/");
  private static final String BODY = "event: quote\ndata: one\n\ndata: two\n\n";

  private final ScriptedBrowser browser = new ScriptedBrowser();
  private final CollectingSink sink = new CollectingSink();
  private NetworkRecorder recorder;

  @BeforeEach
  void startTheStream() {
    CdpConnection cdp = new CdpConnection(browser);
    cdp.start(e -> { });
    recorder = new NetworkRecorder(cdp, CaptureRules.defaults(), new Emitter(new EventStamps(1), sink, CaptureRules.defaults().redactor()));
    event("Network.requestWillBeSent", "{\"requestId\":\"R1\",\"type\":\"Fetch\",\"timestamp\":10,\"wallTime\":"
        + (WALL_AT_ZERO + 10) + ",\"request\":{\"url\":\"http://a.test/feed\",\"method\":\"GET\",\"headers\":{}}}");
    event("Network.responseReceived", "{\"requestId\":\"R1\",\"type\":\"Fetch\",\"timestamp\":11,"
        + "\"response\":{\"status\":200,\"mimeType\":\"text/event-stream\",\"headers\":{}}}");
    event("Network.dataReceived", "{\"requestId\":\"R1\",\"timestamp\":12,\"dataLength\":24}");
  }

  @Test
  void whenTheBrowserCannotStreamTheWholeBodyIsParsedOnceAtTheEnd() {
    browser.fail("Network.streamResourceContent", "'Network.streamResourceContent' wasn't found");
    event("Network.dataReceived", "{\"requestId\":\"R1\",\"timestamp\":13,\"dataLength\":11}");
    event("Network.loadingFinished", "{\"requestId\":\"R1\",\"timestamp\":14,\"encodedDataLength\":35}");
    assertThat(sink.of(SseEvent.class)).isEmpty();

    browser.reply("Network.getResponseBody", "{\"body\":" + JSON.valueToTree(BODY) + ",\"base64Encoded\":false}");

    assertThat(sink.of(SseEvent.class)).extracting(SseEvent::data, SseEvent::timestamp)
        .containsExactly(messageAt("one", 14), messageAt("two", 14));
    assertThat(sink.of(HttpEvent.class)).singleElement()
        .satisfies(h -> assertThat(h.response().body().data()).isEqualTo(BODY));
  }

  @Test
  void bufferedMessagesArrivedWithTheLastChunkBeforeStreamingAndNoneIsRepeatedAtTheEnd() {
    browser.reply("Network.streamResourceContent", "{\"bufferedData\":\"" + base64(BODY.substring(0, 24)) + "\"}");
    assertThat(sink.of(SseEvent.class)).extracting(SseEvent::data, SseEvent::timestamp)
        .containsExactly(messageAt("one", 12));

    event("Network.dataReceived", "{\"requestId\":\"R1\",\"timestamp\":13,\"dataLength\":11,\"data\":\""
        + base64(BODY.substring(24)) + "\"}");
    event("Network.loadingFinished", "{\"requestId\":\"R1\",\"timestamp\":14,\"encodedDataLength\":35}");

    assertThat(sink.of(SseEvent.class)).extracting(SseEvent::data, SseEvent::timestamp)
        .containsExactly(messageAt("one", 12), messageAt("two", 13));
    assertThat(sink.of(HttpEvent.class)).as("the body is the bytes streamed, not read again").singleElement()
        .satisfies(h -> assertThat(h.response().body().data()).isEqualTo(BODY));
    assertThat(browser.sent("Network.getResponseBody")).isFalse();
  }

  @Test
  void aStreamedBodyIsUtf8AndKeptWhenTheBrowserSaysTheReadWasCanceled() {
    String body = "data: pr\u00e9 \u20ac \ud83d\ude00\n\n";
    byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
    browser.reply("Network.streamResourceContent", "{\"bufferedData\":\"" + base64(utf8, 0, 10) + "\"}");
    event("Network.dataReceived", "{\"requestId\":\"R1\",\"timestamp\":13,\"dataLength\":" + (utf8.length - 10)
        + ",\"data\":\"" + base64(utf8, 10, utf8.length) + "\"}");
    event("Network.loadingFailed", "{\"requestId\":\"R1\",\"timestamp\":14,\"canceled\":true,"
        + "\"errorText\":\"net::ERR_ABORTED\"}");

    assertThat(sink.of(SseEvent.class)).extracting(SseEvent::data).containsExactly("pr\u00e9 \u20ac \ud83d\ude00");
    assertThat(sink.of(HttpEvent.class)).singleElement().satisfies(h -> {
      assertThat(h.response().body().data()).isEqualTo(body);
      assertThat(h.response().body().size()).isEqualTo(utf8.length);
      assertThat(h.error().kind()).isEqualTo("canceled");
    });
  }

  private static Tuple messageAt(String data, double monotonicSeconds) {
    return tuple(data, Instant.ofEpochSecond((long) (WALL_AT_ZERO + monotonicSeconds)));
  }

  private void event(String method, String params) {
    try {
      recorder.onEvent(TAB, method, JSON.readTree(params));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String base64(byte[] bytes, int from, int to) {
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, from, to));
  }

  /** Records the commands sent to it and answers them when the test says so. */
  private static final class ScriptedBrowser implements CdpTransport {
    private final List<JsonNode> commands = new ArrayList<>();
    private Consumer<String> onMessage;

    @Override
    public void start(Consumer<String> onMessage, Consumer<DroppedMessage> onDropped, Consumer<String> onClosed) {
      this.onMessage = onMessage;
    }

    @Override
    public void send(String json) {
      try {
        commands.add(JSON.readTree(json));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    void reply(String method, String resultJson) {
      onMessage.accept("{\"id\":" + idOf(method) + ",\"result\":" + resultJson + "}");
    }

    void fail(String method, String message) {
      ObjectNode error = JSON.createObjectNode().put("code", -32601).put("message", message);
      onMessage.accept("{\"id\":" + idOf(method) + ",\"error\":" + error + "}");
    }

    boolean sent(String method) {
      return commands.stream().anyMatch(c -> c.path("method").asText().equals(method));
    }

    private long idOf(String method) {
      return commands.stream().filter(c -> c.path("method").asText().equals(method)).reduce((a, b) -> b)
          .orElseThrow(() -> new AssertionError(method + " was not sent; sent: " + commands))
          .path("id").asLong();
    }

    @Override
    public void close() {
    }
  }
}
