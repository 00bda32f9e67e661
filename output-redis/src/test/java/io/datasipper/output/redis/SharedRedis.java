package io.datasipper.output.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * The Redis the mode tests write to: the one at 127.0.0.1:6379 when it answers PING, else a
 * redis-server this JVM starts on a free port (and fails, saying why, if it cannot). Tests use
 * keys under a prefix of their own, so others' data on a shared server is left alone.
 */
final class SharedRedis {
  private static String url;

  private SharedRedis() {}

  static synchronized String url() throws IOException, InterruptedException {
    if (url == null) {
      url = answersPing(6379) ? "redis://127.0.0.1:6379" : LocalRedis.start(Files.createTempDirectory("redis")).url();
    }
    return url;
  }

  private static boolean answersPing(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      s.setSoTimeout(1000);
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }
}
