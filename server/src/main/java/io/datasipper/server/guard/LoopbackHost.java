package io.datasipper.server.guard;

/**
 * The {@code Host} names the server answers to. A page on another site whose name an attacker
 * points at 127.0.0.1 (DNS rebinding) reaches this server with its own name as {@code Host}; the
 * browser then treats the answers as that site's, so such requests are refused before anything else.
 */
final class LoopbackHost {
  private LoopbackHost() {}

  /** Whether {@code host} (the header's value, may be null) is this server on {@code port}. */
  static boolean isThisServer(String host, int port) {
    return (("127.0.0.1:" + port).equals(host) || ("localhost:" + port).equalsIgnoreCase(host));
  }
}
