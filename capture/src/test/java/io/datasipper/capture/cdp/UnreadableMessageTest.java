package io.datasipper.capture.cdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Protocol messages the capture cannot read: one over the size limit is
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
    byte[] wire = String.join("\0", event("Network.a"), huge, "{not json", event("Network.b"), "")
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
            + " was expecting double-quote to start field name"));
  }

  private static String event(String method) {
    return "{\"method\":\"" + method + "\",\"params\":{}}";
  }

  private static final class Received {
    final List<String> methods = new CopyOnWriteArrayList<>();
    final List<LostMessage> lost = new CopyOnWriteArrayList<>();
  }
}
