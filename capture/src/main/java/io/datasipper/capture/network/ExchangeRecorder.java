package io.datasipper.capture.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.capture.CaptureRules;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Assembles the request, redirect, response and loading events of one request id into an
 * {@link Exchange}. Extra-info events may arrive before their main event; they wait in a bounded
 * map until it comes.
 */
final class ExchangeRecorder {
  private static final int MAX_EARLY_EXTRA_INFO = 2_000;

  private final CaptureRules rules;
  private final BrowserClock clock;
  private final OwnTrafficPolicy own;
  private final OpenExchanges open;
  private final BodyReader bodies;
  private final EventStreams eventStreams;
  private final Map<String, JsonNode> earlyRequestExtra = boundedMap();
  private final Map<String, JsonNode> earlyResponseExtra = boundedMap();

  ExchangeRecorder(CaptureRules rules, BrowserClock clock, OwnTrafficPolicy own, OpenExchanges open,
      BodyReader bodies, EventStreams eventStreams) {
    this.rules = rules;
    this.clock = clock;
    this.own = own;
    this.open = open;
    this.bodies = bodies;
    this.eventStreams = eventStreams;
  }

  void requestWillBeSent(TargetRef target, JsonNode p) {
    String requestId = p.path("requestId").asText();
    JsonNode request = p.path("request");
    String url = request.path("url").asText() + request.path("urlFragment").asText("");
    clock.learn(p.path("timestamp").asDouble(), p.path("wallTime").asDouble());
    Exchange x = open.get(requestId);
    if (x != null && p.has("redirectResponse") && own.isRedirectIntoOwn(url)) {
      open.drop(requestId);
      earlyRequestExtra.remove(requestId);
      earlyResponseExtra.remove(requestId);
      return;
    }
    if (x != null && p.has("redirectResponse")) {
      JsonNode r = p.path("redirectResponse");
      x.redirects.add(new HttpEvent.Redirect(x.url, x.method, r.path("status").asInt(),
          r.path("statusText").asText(""), EventHeader.find(Headers.from(r.path("headers")), "location")));
      x.rawRequestHeaders = null;
      x.requestBody = null;
    } else {
      String resourceType = p.path("type").asText("other").toLowerCase(Locale.ROOT);
      if (!isHttp(url) || own.isOwnRequest(url, p.path("documentURL").asText(null))
          || !rules.capturesRequest(url, resourceType)) {
        earlyRequestExtra.remove(requestId);
        return;
      }
      x = new Exchange(requestId);
      x.resourceType = resourceType;
      x.startMonotonic = p.path("timestamp").asDouble();
      x.startedAt = clock.toInstant(x.startMonotonic);
      x.initiator = initiator(p.path("initiator"));
      open.add(x);
    }
    x.sessionId = target.sessionId();
    x.source = target.source(p.path("frameId").asText(null), p.path("documentURL").asText(null));
    x.url = url;
    x.method = request.path("method").asText();
    x.requestHeaders = Headers.from(request.path("headers"));
    bodies.readPostData(x, request);
    JsonNode extra = earlyRequestExtra.remove(requestId);
    if (extra != null) {
      x.rawRequestHeaders = Headers.from(extra.path("headers"));
    }
  }

  void requestExtraInfo(JsonNode p) {
    String requestId = p.path("requestId").asText();
    Exchange x = open.get(requestId);
    if (x != null) {
      x.rawRequestHeaders = Headers.from(p.path("headers"));
    } else {
      earlyRequestExtra.put(requestId, p);
    }
  }

  void responseReceived(TargetRef target, JsonNode p) {
    Exchange x = open.get(p.path("requestId").asText());
    if (x == null) {
      return;
    }
    JsonNode response = p.path("response");
    if (!rules.capturesMimeType(response.path("mimeType").asText(""))) {
      open.drop(x.requestId);
      return;
    }
    x.sessionId = target.sessionId();
    x.response = response;
    x.responseHeaders = Headers.from(response.path("headers"));
    JsonNode extra = earlyResponseExtra.remove(x.requestId);
    if (extra != null) {
      x.rawResponseHeaders = Headers.from(extra.path("headers"));
    }
    if (isEventStream(x.mimeType()) && !x.isEventSource()) {
      eventStreams.stream(x, p.path("timestamp").asDouble());
    }
  }

  void responseExtraInfo(JsonNode p) {
    String requestId = p.path("requestId").asText();
    Exchange x = open.get(requestId);
    // An extra-info for a redirect hop is followed by the next hop's; the last one wins.
    if (x != null && x.response != null) {
      x.rawResponseHeaders = Headers.from(p.path("headers"));
    } else {
      earlyResponseExtra.put(requestId, p);
    }
  }

  void loadingFinished(TargetRef target, JsonNode p) {
    Exchange x = open.get(p.path("requestId").asText());
    if (x == null) {
      return;
    }
    x.endMonotonic = p.path("timestamp").asDouble();
    x.loadingDone = true;
    long encodedLength = p.path("encodedDataLength").asLong();
    if (x.bodyStreamed()) {
      bodies.keepStreamedBody(x, encodedLength);
      open.emitIfComplete(x);
    } else if (x.response != null && !x.isEventSource()) {
      bodies.readResponseBody(x, target.sessionId(), encodedLength);
    } else {
      open.emitIfComplete(x);
    }
  }

  void loadingFailed(JsonNode p) {
    Exchange x = open.get(p.path("requestId").asText());
    if (x == null) {
      return;
    }
    x.endMonotonic = p.path("timestamp").asDouble();
    x.loadingDone = true;
    boolean canceled = p.path("canceled").asBoolean();
    // A page closing its EventSource cancels the request: the stream ended, nothing failed.
    if (!(canceled && x.isEventSource())) {
      String blocked = p.path("blockedReason").asText(null);
      String kind = blocked != null ? "blocked" : canceled ? "canceled" : "net_error";
      x.error = new HttpEvent.HttpError(kind, p.path("errorText").asText(""), blocked);
    }
    if (x.bodyStreamed()) {
      bodies.keepStreamedBody(x, p.path("encodedDataLength").asLong(-1)); // what arrived before it ended
    }
    open.emitIfComplete(x);
  }

  private static HttpEvent.Initiator initiator(JsonNode i) {
    if (i.isMissingNode()) {
      return null;
    }
    String url = i.path("url").asText(null);
    if (url == null) {
      JsonNode frames = i.path("stack").path("callFrames");
      url = frames.isArray() && !frames.isEmpty() ? frames.get(0).path("url").asText(null) : null;
    }
    return new HttpEvent.Initiator(i.path("type").asText("other"), url == null || url.isEmpty() ? null : url);
  }

  private static boolean isHttp(String url) {
    return url.startsWith("http://") || url.startsWith("https://");
  }

  private static boolean isEventStream(String mimeType) {
    return mimeType != null && mimeType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
  }

  private static <V> Map<String, V> boundedMap() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > MAX_EARLY_EXTRA_INFO;
      }
    };
  }
}
