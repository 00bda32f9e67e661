package io.datasipper.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Finds a running browser's DevTools WebSocket endpoint from the URL the user gave. */
final class DevToolsEndpoint {
  /** A browser's answer is a few hundred bytes: more is read no further. */
  private static final int MAX_VERSION_BYTES = 64 * 1024;

  private DevToolsEndpoint() {}

  /**
   * The browser's WebSocket endpoint. Unless {@code allowRemote}, both the URL given and the
   * endpoint the browser names must be loopback addresses.
   */
  static URI resolve(URI cdpUrl, boolean allowRemote) throws CaptureException {
    if (!allowRemote) {
      requireLoopback(cdpUrl, "--cdp-url"); // before anything is sent to it
    }
    URI endpoint = resolve(cdpUrl);
    if (!allowRemote && !endpoint.equals(cdpUrl)) {
      requireLoopback(endpoint, "the DevTools endpoint (named by " + cdpUrl + ")");
    }
    return endpoint;
  }

  private static void requireLoopback(URI url, String what) throws CaptureException {
    try {
      DebuggingAddress.requireLoopback(url, what);
    } catch (IllegalArgumentException e) {
      throw new CaptureException(e.getMessage(), e);
    }
  }

  private static URI resolve(URI cdpUrl) throws CaptureException {
    String scheme = cdpUrl.getScheme();
    if ("ws".equals(scheme) || "wss".equals(scheme)) {
      return cdpUrl;
    }
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new CaptureException("--cdp-url must be http://host:port or ws://host:port/devtools/browser/<id>, was " + cdpUrl);
    }
    URI version = cdpUrl.resolve("/json/version");
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<InputStream> res = client.send(
          HttpRequest.newBuilder(version).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = res.body()) {
        body = in.readNBytes(MAX_VERSION_BYTES + 1);
      }
      if (res.statusCode() != 200) {
        throw new CaptureException(version + " answered " + res.statusCode() + ": is this a browser's debugging port?");
      }
      if (body.length > MAX_VERSION_BYTES) {
        throw new CaptureException(version + " answered with more than " + MAX_VERSION_BYTES / 1024
            + " KiB: is this a browser's debugging port?");
      }
      JsonNode answer;
      try {
        answer = new ObjectMapper().readTree(body);
      } catch (JsonProcessingException e) {
        throw new CaptureException(version + " did not answer with JSON: is this a browser's debugging port?", e);
      }
      String ws = answer.path("webSocketDebuggerUrl").asText("");
      if (ws.isEmpty()) {
        throw new CaptureException(version + " did not name a webSocketDebuggerUrl");
      }
      return URI.create(ws);
    } catch (IOException e) {
      throw new CaptureException("cannot reach a browser at " + cdpUrl
          + " (start it with --remote-debugging-port=9222): "
          + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CaptureException("interrupted while connecting to " + cdpUrl, e);
    }
  }
}
