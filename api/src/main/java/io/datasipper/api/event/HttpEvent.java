package io.datasipper.api.event;

import java.time.Instant;
import java.util.List;

/**
 * One HTTP exchange, made when it finished or failed. Exactly one of {@code response} and
 * {@code error} is set, except for a response that arrived and then failed while its body was
 * loading, which carries both.
 *
 * @param requestId the browser's id of the request, the {@code requestId} of the {@link SseEvent}s
 *     of an event stream it carried; null when no browser gave one (an entry imported from a HAR
 *     file that had no messages)
 */
public record HttpEvent(
    String id,
    long seq,
    Instant startedAt,
    Instant endedAt,
    String requestId,
    String url,
    String method,
    HttpRequest request,
    HttpResponse response,
    Timing timing,
    List<Redirect> redirects,
    HttpError error,
    String resourceType,
    Initiator initiator,
    Source source)
    implements CaptureEvent {

  public static final String TYPE = "http";

  /** Its own id: an exchange is one event, ordered with no other. */
  @Override
  public String deliveryKey() {
    return id;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Instant timestamp() {
    return endedAt;
  }

  @Override
  public long approximateBytes() {
    long n = 512 + url.length();
    if (request != null) {
      n += EventHeader.bytes(request.headers()) + (request.body() == null ? 0 : request.body().approximateBytes());
    }
    if (response != null) {
      n += EventHeader.bytes(response.headers()) + (response.body() == null ? 0 : response.body().approximateBytes());
    }
    return n;
  }

  /** The request as sent: headers (including raw extra-info headers such as cookies) and body. */
  public record HttpRequest(List<EventHeader> headers, Body body) {}

  /**
   * The final response (after redirects). {@code remoteIp} is the server's bare IP address
   * ({@code 127.0.0.1}, {@code ::1}, never bracketed) and {@code remotePort} its port; both are
   * null when the browser did not say (a response from its cache, say).
   */
  public record HttpResponse(
      int status,
      String statusText,
      List<EventHeader> headers,
      String mimeType,
      Body body,
      String protocol,
      String remoteIp,
      Integer remotePort,
      boolean fromCache) {}

  /**
   * Phases of the exchange in milliseconds, as in HAR: -1 when a phase did not apply.
   * {@code totalMs} runs from the request's start to its last byte.
   */
  public record Timing(
      double blockedMs, double dnsMs, double connectMs, double sslMs, double sendMs,
      double waitMs, double receiveMs, double totalMs) {}

  /** One hop of a redirect chain, in the order they happened. */
  public record Redirect(String url, String method, int status, String statusText, String location) {}

  /**
   * Why an exchange failed.
   *
   * @param kind {@code net_error}, {@code canceled}, {@code blocked}, or {@code incomplete} when the
   *     capture ended before the exchange did
   * @param text the browser's error text, e.g. {@code net::ERR_CONNECTION_REFUSED}
   * @param blockedReason the browser's reason when it blocked the request itself
   */
  public record HttpError(String kind, String text, String blockedReason) {}

  /** What caused the request: parser, script, preload, other; and the script or document URL. */
  public record Initiator(String type, String url) {}
}
