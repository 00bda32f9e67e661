package io.datasipper.capture.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.cdp.CdpConnection;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles {@code Network.*} events into one {@link HttpEvent} per exchange and SSE messages.
 * Event streams a page reads with fetch or XHR are parsed live (see {@link LiveEventStream}).
 *
 * <p>Exchanges are keyed by request id alone, because one request can be reported on two sessions
 * (a dedicated worker's script starts on the page and is answered on the worker). Extra-info
 * events may arrive before their main event; they wait in a bounded map until it comes.
 */
public final class NetworkRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkRecorder.class);
  private static final int MAX_EARLY_EXTRA_INFO = 2_000;

  private final CdpConnection cdp;
  private final CaptureRules rules;
  private final Emitter emitter;
  private final BrowserClock clock = new BrowserClock();
  private final WebSocketRecorder webSockets;
  private final Map<String, Exchange> open = new HashMap<>();
  private final Map<String, JsonNode> earlyRequestExtra = boundedMap();
  private final Map<String, JsonNode> earlyResponseExtra = boundedMap();

  public NetworkRecorder(CdpConnection cdp, CaptureRules rules, Emitter emitter) {
    this.cdp = cdp;
    this.rules = rules;
    this.emitter = emitter;
    this.webSockets = new WebSocketRecorder(rules, emitter, clock);
  }

  /** Handles one {@code Network.*} event from the target. */
  public void onEvent(TargetRef target, String method, JsonNode p) {
    switch (method) {
      case "Network.requestWillBeSent" -> requestWillBeSent(target, p);
      case "Network.requestWillBeSentExtraInfo" -> requestExtraInfo(p);
      case "Network.responseReceived" -> responseReceived(target, p);
      case "Network.responseReceivedExtraInfo" -> responseExtraInfo(p);
      case "Network.dataReceived" -> dataReceived(p);
      case "Network.loadingFinished" -> loadingFinished(target, p);
      case "Network.loadingFailed" -> loadingFailed(p);
      case "Network.eventSourceMessageReceived" -> eventSourceMessage(target, p);
      default -> webSockets.onEvent(target, method, p);
    }
  }

  /** The URL of an exchange or WebSocket in flight, or null when none has this request id. */
  public String urlOf(String requestId) {
    Exchange x = open.get(requestId);
    return x != null ? x.url : webSockets.urlOf(requestId);
  }

  /**
   * Emits what is still in flight when the capture ends: exchanges as incomplete (open streams,
   * long polls), and a close for each WebSocket still open.
   */
  public void flushIncomplete(String reason) {
    for (Exchange x : List.copyOf(open.values())) {
      x.error = new HttpEvent.HttpError("incomplete", reason, null);
      emit(x);
    }
    open.clear();
    webSockets.closeAll();
  }

  private void requestWillBeSent(TargetRef target, JsonNode p) {
    String requestId = p.path("requestId").asText();
    JsonNode request = p.path("request");
    String url = request.path("url").asText() + request.path("urlFragment").asText("");
    clock.learn(p.path("timestamp").asDouble(), p.path("wallTime").asDouble());
    Exchange x = open.get(requestId);
    if (x != null && p.has("redirectResponse") && rules.ownTraffic().isOwn(url)) {
      // Redirected into DataSipper's own origin: what follows is ours (a login, a token), so the
      // whole exchange is dropped, not only its last hop.
      open.remove(requestId);
      earlyRequestExtra.remove(requestId);
      earlyResponseExtra.remove(requestId);
      return;
    }
    if (x != null && p.has("redirectResponse")) {
      JsonNode r = p.path("redirectResponse");
      x.redirects.add(new HttpEvent.Redirect(x.url, x.method, r.path("status").asInt(),
          r.path("statusText").asText(""), EventHeader.find(Headers.from(r.path("headers"), rules), "location")));
      x.rawRequestHeaders = null;
      x.requestBody = null;
    } else {
      String resourceType = p.path("type").asText("other").toLowerCase(Locale.ROOT);
      if (!isHttp(url) || isOwnTraffic(url, p.path("documentURL").asText(null))
          || !rules.capturesRequest(url, resourceType)) {
        earlyRequestExtra.remove(requestId);
        return;
      }
      x = new Exchange(requestId);
      x.resourceType = resourceType;
      x.startMonotonic = p.path("timestamp").asDouble();
      x.startedAt = clock.toInstant(x.startMonotonic);
      x.initiator = initiator(p.path("initiator"));
      open.put(requestId, x);
    }
    x.sessionId = target.sessionId();
    x.source = target.source(p.path("frameId").asText(null), p.path("documentURL").asText(null));
    x.url = url;
    x.method = request.path("method").asText();
    x.requestHeaders = Headers.from(request.path("headers"), rules);
    readPostData(x, request);
    JsonNode extra = earlyRequestExtra.remove(requestId);
    if (extra != null) {
      x.rawRequestHeaders = Headers.from(extra.path("headers"), rules);
    }
  }

  /**
   * Judged by the issuing document rather than by the target, whose URL is stale while a tab
   * navigates: leaving the dashboard, the next page's request is sent before the tab's URL changes.
   */
  private boolean isOwnTraffic(String url, String documentUrl) {
    return rules.ownTraffic().isOwn(url) || rules.ownTraffic().isOwn(documentUrl);
  }

  private void readPostData(Exchange x, JsonNode request) {
    if (!request.path("hasPostData").asBoolean()) {
      return;
    }
    String contentType = EventHeader.find(x.requestHeaders, "content-type");
    JsonNode entries = request.path("postDataEntries");
    if (entries.isArray() && !entries.isEmpty() && allHaveBytes(entries)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      entries.forEach(e -> bytes.writeBytes(Base64.getDecoder().decode(e.path("bytes").asText())));
      x.requestBody = Bodies.fromBytes(bytes.toByteArray(), contentType, rules.maxBodyBytes());
    } else if (request.has("postData") && !entries.isArray()) {
      x.requestBody = Bodies.fromText(request.path("postData").asText(), rules.maxBodyBytes());
    } else {
      // Large or blob-backed bodies (multipart uploads) are not inline: ask for them.
      x.outstanding++;
      cdp.send(x.sessionId, "Network.getRequestPostData", CdpConnection.params().put("requestId", x.requestId))
          .whenComplete(guarded(x, (res, err) -> {
            x.requestBody = err != null
                ? Body.omitted(0, "unavailable: " + err.getMessage())
                : res.path("base64Encoded").asBoolean()
                    ? Bodies.fromBase64(res.path("postData").asText(), contentType, rules.maxBodyBytes())
                    : Bodies.fromText(res.path("postData").asText(), rules.maxBodyBytes());
            x.outstanding--;
            emitIfComplete(x);
          }));
    }
  }

  private static boolean allHaveBytes(JsonNode entries) {
    for (JsonNode e : entries) {
      if (!e.has("bytes")) {
        return false;
      }
    }
    return true;
  }

  private void requestExtraInfo(JsonNode p) {
    String requestId = p.path("requestId").asText();
    Exchange x = open.get(requestId);
    if (x != null) {
      x.rawRequestHeaders = Headers.from(p.path("headers"), rules);
    } else {
      earlyRequestExtra.put(requestId, p);
    }
  }

  private void responseReceived(TargetRef target, JsonNode p) {
    Exchange x = open.get(p.path("requestId").asText());
    if (x == null) {
      return;
    }
    JsonNode response = p.path("response");
    if (!rules.capturesMimeType(response.path("mimeType").asText(""))) {
      open.remove(x.requestId);
      return;
    }
    x.sessionId = target.sessionId();
    x.response = response;
    x.responseHeaders = Headers.from(response.path("headers"), rules);
    JsonNode extra = earlyResponseExtra.remove(x.requestId);
    if (extra != null) {
      x.rawResponseHeaders = Headers.from(extra.path("headers"), rules);
    }
    if (isEventStream(x.mimeType()) && !"eventsource".equals(x.resourceType)) {
      streamEventStream(x, p.path("timestamp").asDouble());
    }
  }

  /** Asks the browser for the body's bytes as they arrive: an endless stream never reaches its end. */
  private void streamEventStream(Exchange x, double respondedAt) {
    LiveEventStream stream = new LiveEventStream(respondedAt, rules.maxBodyBytes());
    x.eventStream = stream;
    x.outstanding++;
    cdp.send(x.sessionId, "Network.streamResourceContent", CdpConnection.params().put("requestId", x.requestId))
        .whenComplete(guarded(x, (res, err) -> {
          if (err == null) {
            byte[] buffered = Base64.getDecoder().decode(res.path("bufferedData").asText(""));
            emitSse(x, stream.start(buffered), stream.lastChunkAt());
          } else {
            LOG.debug("{} {} is parsed when it ends: {}", x.method, x.url, err.getMessage());
          }
          x.outstanding--;
          emitIfComplete(x);
        }));
  }

  private void dataReceived(JsonNode p) {
    Exchange x = open.get(p.path("requestId").asText());
    if (x == null || x.eventStream == null) {
      return;
    }
    double at = p.path("timestamp").asDouble();
    String chunk = p.path("data").asText(null);
    emitSse(x, x.eventStream.chunk(at, chunk == null ? null : Base64.getDecoder().decode(chunk)), at);
  }

  private void responseExtraInfo(JsonNode p) {
    String requestId = p.path("requestId").asText();
    Exchange x = open.get(requestId);
    // An extra-info for a redirect hop is followed by the next hop's; the last one wins.
    if (x != null && x.response != null) {
      x.rawResponseHeaders = Headers.from(p.path("headers"), rules);
    } else {
      earlyResponseExtra.put(requestId, p);
    }
  }

  private void loadingFinished(TargetRef target, JsonNode p) {
    Exchange x = open.get(p.path("requestId").asText());
    if (x == null) {
      return;
    }
    x.endMonotonic = p.path("timestamp").asDouble();
    x.loadingDone = true;
    long encodedLength = p.path("encodedDataLength").asLong();
    if (x.bodyStreamed()) {
      keepStreamedBody(x, encodedLength);
      emitIfComplete(x);
    } else if (x.response != null && !"eventsource".equals(x.resourceType)) {
      readResponseBody(x, target.sessionId(), encodedLength);
    } else {
      emitIfComplete(x);
    }
  }

  /** An event stream's body from the bytes the browser streamed: it is not asked for again. */
  private void keepStreamedBody(Exchange x, long encodedLength) {
    String mimeType = x.mimeType();
    x.responseBody = rules.keepsBody(mimeType) ? x.eventStream.streamedBody() : notKept(mimeType, encodedLength);
  }

  private static Body notKept(String mimeType, long encodedLength) {
    return Body.omitted(encodedLength, "body not kept for mime type " + mimeType);
  }

  /**
   * Asks for the bodies of responses the browser never reported finished (a page that did not read
   * them), so a clean shutdown keeps them too. Completes when every such request has been answered.
   */
  public CompletableFuture<Void> rescueUnfinishedBodies() {
    List<CompletableFuture<?>> replies = new ArrayList<>();
    for (Exchange x : List.copyOf(open.values())) {
      if (x.response != null && !x.loadingDone && !"eventsource".equals(x.resourceType)) {
        x.loadingDone = true;
        if (x.bodyStreamed()) {
          keepStreamedBody(x, -1);
          emitIfComplete(x);
        } else {
          replies.add(readResponseBody(x, x.sessionId, -1));
        }
      }
    }
    return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new));
  }

  private CompletableFuture<?> readResponseBody(Exchange x, String sessionId, long encodedLength) {
    String mimeType = x.mimeType();
    if (!rules.keepsBody(mimeType)) {
      x.responseBody = notKept(mimeType, encodedLength);
      emitIfComplete(x);
      return CompletableFuture.completedFuture(null);
    }
    x.outstanding++;
    // Asked for right away: the browser evicts bodies soon after a page moves on.
    return cdp.send(sessionId, "Network.getResponseBody", CdpConnection.params().put("requestId", x.requestId))
        .whenComplete(guarded(x, (res, err) -> {
          if (err != null) {
            x.responseBody = Body.omitted(encodedLength, "unavailable: " + err.getMessage());
          } else {
            String body = res.path("body").asText();
            x.responseBody = res.path("base64Encoded").asBoolean()
                ? Bodies.fromBase64(body, mimeType, rules.maxBodyBytes())
                : Bodies.fromText(body, rules.maxBodyBytes());
            if (x.eventStream != null && !res.path("base64Encoded").asBoolean()) {
              x.eventStream.bodyRead(body);
            }
          }
          x.outstanding--;
          emitIfComplete(x);
        }));
  }

  /**
   * Reply handlers run inside the connection's future chain, where a thrown exception would vanish:
   * log it instead, and still emit the exchange with what it has.
   */
  private BiConsumer<JsonNode, Throwable> guarded(Exchange x, BiConsumer<JsonNode, Throwable> handler) {
    return (res, err) -> {
      try {
        handler.accept(res, err);
      } catch (RuntimeException e) {
        LOG.error("failed to record {} {}", x.method, x.url, e);
      }
    };
  }

  private void loadingFailed(JsonNode p) {
    Exchange x = open.get(p.path("requestId").asText());
    if (x == null) {
      return;
    }
    x.endMonotonic = p.path("timestamp").asDouble();
    x.loadingDone = true;
    boolean canceled = p.path("canceled").asBoolean();
    // A page closing its EventSource cancels the request: the stream ended, nothing failed.
    if (!(canceled && "eventsource".equals(x.resourceType))) {
      String blocked = p.path("blockedReason").asText(null);
      String kind = blocked != null ? "blocked" : canceled ? "canceled" : "net_error";
      x.error = new HttpEvent.HttpError(kind, p.path("errorText").asText(""), blocked);
    }
    if (x.bodyStreamed()) {
      keepStreamedBody(x, p.path("encodedDataLength").asLong(-1)); // what arrived before it ended
    }
    emitIfComplete(x);
  }

  private void eventSourceMessage(TargetRef target, JsonNode p) {
    String requestId = p.path("requestId").asText();
    Exchange x = open.get(requestId);
    if (x == null) {
      return;
    }
    String eventName = p.path("eventName").asText("");
    String eventId = p.path("eventId").asText("");
    emitter.emit((id, seq) -> new SseEvent(id, seq, clock.toInstant(p.path("timestamp").asDouble()), requestId,
        x.url, eventName.isEmpty() ? "message" : eventName, eventId.isEmpty() ? null : eventId,
        p.path("data").asText(), SseEvent.Via.EVENT_SOURCE, x.source));
  }

  private void emitSse(Exchange x, List<SseParser.Message> messages, double arrivedMonotonic) {
    if (messages.isEmpty()) {
      return;
    }
    Instant when = clock.toInstant(arrivedMonotonic);
    for (SseParser.Message m : messages) {
      emitter.emit((id, seq) -> new SseEvent(id, seq, when, x.requestId, x.url, m.event(), m.lastEventId(),
          m.data(), SseEvent.Via.FETCH, x.source));
    }
  }

  private void emitIfComplete(Exchange x) {
    if (x.isComplete() && open.remove(x.requestId, x)) {
      if (x.eventStream != null) {
        emitSse(x, x.eventStream.messagesAtEnd(), x.endMonotonic);
      }
      emit(x);
    }
  }

  private void emit(Exchange x) {
    emitter.emit((id, seq) -> x.toEvent(id, seq, clock));
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

  static boolean isHttp(String url) {
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
