package io.datasipper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LocalServerTest {
  @Test
  void servesOnLoopbackWithATokenInItsDashboardUrl() throws Exception {
    try (LocalServer server = LocalServer.start(0, List.of())) {
      assertThat(server.address().getHost()).isEqualTo("127.0.0.1");
      assertThat(server.token()).matches("[0-9a-f]{32}");
      assertThat(server.dashboardUrl()).hasToString(server.address() + "/?token=" + server.token());
      HttpResponse<String> health = new ApiClient(server).get("/healthz");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"ok\"");
    }
  }

  /** Chromium offers compression on every WebSocket it opens: the dashboard's and the side panel's feed. */
  @Test
  void aWebSocketIsOpenedWithoutTheCompressionABrowserOffers() throws Exception {
    ServerPart hello = routes -> routes.ws("/api/feed", ws -> ws.onConnect(ctx -> ctx.send("hello")));
    try (LocalServer server = LocalServer.start(0, List.of(hello));
        Socket socket = new Socket(server.address().getHost(), server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /api/feed HTTP/1.1\r\n"
          + "Host: 127.0.0.1:" + server.port() + "\r\n"
          + "Authorization: Bearer " + server.token() + "\r\n"
          + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      List<String> head = List.of(answerHead(in).split("\r\n"));
      assertThat(head).first().asString().startsWith("HTTP/1.1 101");
      assertThat(head).as("the answer's header: no extension taken")
          .noneMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-extensions"));
      // An uncompressed text frame (RSV1, the compression bit, unset): FIN and opcode 1, length 5, the text.
      assertThat(in.readNBytes(7)).containsExactly(0x81, 5, 'h', 'e', 'l', 'l', 'o');
    }
  }

  /** The answer's status line and headers, up to the blank line that ends them. */
  private static String answerHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the server closed the connection in its answer's header: " + head);
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII).strip();
  }
}
