package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture that lost something says what at the end of the run, not only as a count. The browser
 * is a stand-in that sends a frame event of 70 MiB, over the protocol message limit, once attached,
 * and then hangs up.
 */
class CaptureErrorSummaryTest {
  @TempDir Path dir;

  @Test
  void theSummaryNamesWhatACaptureErrorLost() {
    Javalin browser = Javalin.create(cfg -> {
      cfg.jetty.host = "127.0.0.1";
      cfg.startup.showJavalinBanner = false;
      cfg.routes.ws("/devtools/browser/stand-in", ws -> ws.onMessage(m -> answer(m, m.message())));
    }).start(0);
    try {
      CliRunner run = CliRunner.run("attach", "--cdp-url",
          "ws://127.0.0.1:" + browser.port() + "/devtools/browser/stand-in", "--for", "60s",
          "--data-dir", dir.resolve("data").toString());

      assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.FAILURE);
      assertThat(run.err()).contains("capture stopped: lost the connection to the browser");
      assertThat(run.out()).contains("capture errors:\n  message_dropped: dropped a DevTools message of 70.0 MiB"
          + " (Network.webSocketFrameReceived, request 9.9): it is over the 64.0 MiB limit on protocol messages\n"
          + "  connection_lost: lost the connection to the browser: ");
    } finally {
      browser.stop();
    }
  }

  /** Answers every command; once auto-attach is set, sends a frame event too large to read and hangs up. */
  private static void answer(WsContext ws, String command) {
    String id = command.replaceAll(".*\"id\":(\\d+).*", "$1");
    ws.send("{\"id\":" + id + ",\"result\":{}}");
    if (command.contains("\"Target.setAutoAttach\"")) {
      ws.send("{\"method\":\"Network.webSocketFrameReceived\",\"params\":{\"requestId\":\"9.9\",\"response\":"
          + "{\"opcode\":1,\"payloadData\":\"" + "x".repeat(70 * 1024 * 1024) + "\"}},\"sessionId\":\"S\"}");
      ws.closeSession();
    }
  }
}
