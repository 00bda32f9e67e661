package io.datasipper.server;

/**
 * A request a dashboard's first opening sends the server: a {@code GET} of a path (with its query)
 * or a WebSocket opened on one. A part names its own ({@link ServerPart#firstRequests}) so that
 * {@link LocalServer#warmUp} can send them before any user does. Reads only: sending one changes nothing.
 */
public record FirstRequest(String path, boolean webSocket) {
  public FirstRequest {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a first request's path starts with /, got '" + path + "'");
    }
  }

  /** A {@code GET} of {@code path}, which may carry a query. */
  public static FirstRequest get(String path) {
    return new FirstRequest(path, false);
  }

  /** A WebSocket opened on {@code path} and closed at once. */
  public static FirstRequest webSocket(String path) {
    return new FirstRequest(path, true);
  }
}
