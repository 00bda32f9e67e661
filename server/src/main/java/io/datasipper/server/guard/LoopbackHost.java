package io.datasipper.server.guard;

import java.util.List;

/**
 * The {@code Host} names the server answers to. A page on another site whose name an attacker
 * points at 127.0.0.1 (DNS rebinding) reaches this server with its own name as {@code Host}; the
 * browser then treats the answers as that site's, so such requests are refused before anything else.
 */
final class LoopbackHost {
  private static final int HTTP_DEFAULT_PORT = 80;

  private LoopbackHost() {}

  /** Whether {@code host} (the header's value, may be null) is this server on {@code port}. */
  static boolean isThisServer(String host, int port) {
    return host != null && authorities(port).stream().anyMatch(host::equalsIgnoreCase);
  }

  /**
   * {@code 127.0.0.1:PORT} and {@code localhost:PORT}; on port 80 also without the port, as
   * browsers write the default port neither in {@code Host} nor in {@code Origin}.
   */
  static List<String> authorities(int port) {
    List<String> withPort = List.of("127.0.0.1:" + port, "localhost:" + port);
    return port == HTTP_DEFAULT_PORT ? List.of(withPort.get(0), withPort.get(1), "127.0.0.1", "localhost") : withPort;
  }
}
