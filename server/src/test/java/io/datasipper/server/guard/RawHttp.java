package io.datasipper.server.guard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request as written, byte for byte: java.net.http does not let a client choose its
 * {@code Host}, which is what a DNS-rebinding page's requests differ in.
 */
final class RawHttp {
  private static final int TIMEOUT_MS = 10_000;
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  private RawHttp() {}

  /** The status line and headers of the answer to {@code request} (CRLF line ends added). */
  static String head(int port, String... requestLines) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(TIMEOUT_MS);
      String request = String.join("\r\n", requestLines) + "\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (head.size() < MAX_HEAD_BYTES) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.write(b);
        if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
          break;
        }
      }
      return head.toString(StandardCharsets.US_ASCII);
    }
  }
}
