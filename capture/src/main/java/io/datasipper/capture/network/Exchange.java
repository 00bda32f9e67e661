package io.datasipper.capture.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP exchange being assembled from protocol events. Only the reader thread touches it. It is
 * complete once loading finished or failed and no body, post-data or streaming request is outstanding.
 */
final class Exchange {
  final String requestId;
  String sessionId;
  Source source;
  String url;
  String method;
  List<EventHeader> requestHeaders = List.of();
  List<EventHeader> rawRequestHeaders;
  Body requestBody;
  String resourceType;
  HttpEvent.Initiator initiator;
  double startMonotonic;
  Instant startedAt;
  final List<HttpEvent.Redirect> redirects = new ArrayList<>();

  JsonNode response;
  List<EventHeader> responseHeaders = List.of();
  List<EventHeader> rawResponseHeaders;
  Body responseBody;
  double endMonotonic;
  HttpEvent.HttpError error;
  LiveEventStream eventStream;
  boolean loadingDone;
  int outstanding;

  Exchange(String requestId) {
    this.requestId = requestId;
  }

  boolean isComplete() {
    return loadingDone && outstanding == 0;
  }

  String mimeType() {
    return response == null ? null : response.path("mimeType").asText(null);
  }

  /** A request of an EventSource, whose messages the browser reports itself and whose body it keeps none of. */
  boolean isEventSource() {
    return "eventsource".equals(resourceType);
  }

  /** An event stream whose body the browser streamed to us: its bytes are kept, not asked for again. */
  boolean bodyStreamed() {
    return eventStream != null && eventStream.isStreamed();
  }

  HttpEvent toEvent(String id, long seq, BrowserClock clock) {
    Instant endedAt = endMonotonic > 0 ? clock.toInstant(endMonotonic) : Instant.now();
    if (startedAt == null) {
      startedAt = endedAt;
    }
    HttpEvent.HttpResponse res = null;
    if (response != null) {
      String remoteIp = bareIp(response.path("remoteIPAddress").asText(""));
      Integer remotePort = response.has("remotePort") && remoteIp != null ? response.path("remotePort").asInt() : null;
      res = new HttpEvent.HttpResponse(
          response.path("status").asInt(),
          response.path("statusText").asText(""),
          rawResponseHeaders != null ? rawResponseHeaders : responseHeaders,
          mimeType(),
          responseBody,
          response.path("protocol").asText(null),
          remoteIp,
          remotePort,
          response.path("fromDiskCache").asBoolean() || response.path("fromPrefetchCache").asBoolean());
    }
    return new HttpEvent(id, seq, startedAt, endedAt, requestId, url, method,
        new HttpEvent.HttpRequest(rawRequestHeaders != null ? rawRequestHeaders : requestHeaders, requestBody),
        res, timing(), List.copyOf(redirects), error, resourceType, initiator, source);
  }

  /** Chromium reports an IPv6 server as {@code [::1]}: the brackets belong to a URL, not to the address. */
  static String bareIp(String reported) {
    if (reported.isEmpty()) {
      return null;
    }
    boolean bracketed = reported.startsWith("[") && reported.endsWith("]");
    return bracketed ? reported.substring(1, reported.length() - 1) : reported;
  }

  /** The phases in HAR's terms, from the response's timing block (ms after its requestTime). */
  private HttpEvent.Timing timing() {
    double total = endMonotonic > 0 && startMonotonic > 0 ? (endMonotonic - startMonotonic) * 1000 : -1;
    JsonNode t = response == null ? null : response.get("timing");
    if (t == null) {
      return new HttpEvent.Timing(-1, -1, -1, -1, 0, Math.max(total, 0), 0, total);
    }
    double dnsStart = t.path("dnsStart").asDouble(-1);
    double connectStart = t.path("connectStart").asDouble(-1);
    double sslStart = t.path("sslStart").asDouble(-1);
    double sendStart = t.path("sendStart").asDouble(0);
    double sendEnd = t.path("sendEnd").asDouble(sendStart);
    double headersEnd = t.path("receiveHeadersEnd").asDouble(sendEnd);
    double firstPhase = dnsStart >= 0 ? dnsStart : connectStart >= 0 ? connectStart : sendStart;
    double requestTime = t.path("requestTime").asDouble(0);
    double receive = endMonotonic > 0 && requestTime > 0 ? (endMonotonic - requestTime) * 1000 - headersEnd : 0;
    return new HttpEvent.Timing(
        round(firstPhase),
        dnsStart >= 0 ? round(t.path("dnsEnd").asDouble() - dnsStart) : -1,
        connectStart >= 0 ? round(t.path("connectEnd").asDouble() - connectStart) : -1,
        sslStart >= 0 ? round(t.path("sslEnd").asDouble() - sslStart) : -1,
        round(Math.max(0, sendEnd - sendStart)),
        round(Math.max(0, headersEnd - sendEnd)),
        round(Math.max(0, receive)),
        round(total));
  }

  private static double round(double ms) {
    return ms < 0 ? -1 : Math.round(ms * 1000) / 1000.0;
  }
}
