package io.datasipper.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.EventStamps;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code attach} reads the browser's messages with a size limit: one over it is skipped without
 * being held whole and recorded, and the capture goes on. The browser is a stand-in that sends a
 * frame event of 70 MiB, more than the 64 MiB limit of the default rules, once the capture is set up.
 */
class AttachMessageLimitTest {
  private static final int HUGE_PAYLOAD_CHARS = 70 * 1024 * 1024;

  @Test
  void aMessageOverTheLimitIsACaptureErrorAndTheCaptureGoesOn() throws Exception {
    Javalin browser = Javalin.create(cfg -> {
      cfg.jetty.host = "127.0.0.1";
      cfg.startup.showJavalinBanner = false;
      cfg.routes.ws("/devtools/browser/stand-in", ws -> ws.onMessage(m -> answer(m, m.message())));
    }).start(0);
    CollectingSink sink = new CollectingSink();
    try {
      Capture capture = Capture.attach(URI.create("ws://127.0.0.1:" + browser.port() + "/devtools/browser/stand-in"),
          CaptureRules.defaults(), new EventStamps(1), sink);
      try {
        assertThat(sink.await(e -> e instanceof CaptureErrorEvent c && c.kind().equals("target_crashed"),
            Duration.ofSeconds(60))).as("the event after the huge one was read").isTrue();
      } finally {
        capture.close();
      }
    } finally {
      browser.stop();
    }

    assertThat(sink.of(CaptureErrorEvent.class)).extracting(CaptureErrorEvent::kind)
        .containsExactly("message_dropped", "target_crashed");
    assertThat(sink.of(CaptureErrorEvent.class).getFirst().message()).isEqualTo("dropped a DevTools message of"
        + " 70.0 MiB (Network.webSocketFrameReceived, request 9.9): it is over the 64.0 MiB limit on protocol messages");
  }

  /** Answers every command; once auto-attach is set, sends a huge frame event and then a crash. */
  private static void answer(WsContext ws, String command) {
    String id = command.replaceAll(".*\"id\":(\\d+).*", "$1");
    ws.send("{\"id\":" + id + ",\"result\":{}}");
    if (command.contains("\"Target.setAutoAttach\"")) {
      ws.send("{\"method\":\"Network.webSocketFrameReceived\",\"params\":{\"requestId\":\"9.9\",\"timestamp\":1,"
          + "\"response\":{\"opcode\":1,\"payloadData\":\"" + "x".repeat(HUGE_PAYLOAD_CHARS) + "\"}},\"sessionId\":\"S\"}");
      ws.send("{\"method\":\"Target.targetCrashed\",\"params\":{\"targetId\":\"T1\",\"status\":\"crashed\"}}");
    }
  }
}
