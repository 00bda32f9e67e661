package io.datasipper.capture.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.CollectingSink;
import io.datasipper.capture.cdp.CdpConnection;
import io.datasipper.capture.cdp.CdpTransport;
import io.datasipper.capture.cdp.DroppedMessage;
import java.io.IOException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * WebSocket connections that were open before DataSipper attached: the browser reports their
 * frames but never their creation, so their URL is unknown. Those of DataSipper's own pages are
 * left out; a user's page's are captured.
 */
class PreexistingWebSocketTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DASHBOARD = "http://127.0.0.1:7070";
  private final CollectingSink sink = new CollectingSink();
  private final NetworkRecorder recorder;

  PreexistingWebSocketTest() {
    CdpConnection cdp = new CdpConnection(new SilentBrowser());
    cdp.start(e -> { });
    recorder = new NetworkRecorder(cdp, CaptureRules.defaults().withOwnOrigin(DASHBOARD),
        new Emitter(new EventStamps(1), sink, CaptureRules.defaults().redactor()));
  }

  @Test
  void framesOfAConnectionOpenedByAnOwnPageBeforeAttachingLeaveNoEvent() throws IOException {
    TargetRef dashboardTab = new TargetRef("S1", "T1", "page", "T1", DASHBOARD + "/index.html");
    frame(dashboardTab, "W1", "{\"pending\":3}");
    close(dashboardTab, "W1");
    assertThat(sink.events()).isEmpty();
  }

  @Test
  void framesOfAConnectionOpenedByAUsersPageBeforeAttachingAreCaptured() throws IOException {
    TargetRef userTab = new TargetRef("S2", "T2", "page", "T2", "http://127.0.0.1:8080/prices.html");
    frame(userTab, "W2", "{\"px\":1}");
    close(userTab, "W2");
    assertThat(sink.of(WsFrameEvent.class)).extracting(f -> f.payload().data()).containsExactly("{\"px\":1}");
    assertThat(sink.of(WsCloseEvent.class)).hasSize(1);
  }

  private void frame(TargetRef tab, String connectionId, String text) throws IOException {
    recorder.onEvent(tab, "Network.webSocketFrameReceived", JSON.readTree("{\"requestId\":\"" + connectionId
        + "\",\"timestamp\":5,\"response\":{\"opcode\":1,\"mask\":false,\"payloadData\":" + JSON.valueToTree(text) + "}}"));
  }

  private void close(TargetRef tab, String connectionId) throws IOException {
    recorder.onEvent(tab, "Network.webSocketClosed", JSON.readTree("{\"requestId\":\"" + connectionId
        + "\",\"timestamp\":6}"));
  }

  /** No command is answered: these events need none. */
  private static final class SilentBrowser implements CdpTransport {
    @Override
    public void start(Consumer<String> onMessage, Consumer<DroppedMessage> onDropped, Consumer<String> onClosed) {}

    @Override
    public void send(String json) {}

    @Override
    public void close() {}
  }
}
