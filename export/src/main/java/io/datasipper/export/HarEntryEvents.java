package io.datasipper.export;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsErrorEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Makes the events of one HAR entry: an {@code http} event, plus {@code sse} events for its
 * {@code _eventSourceMessages}; or, for a WebSocket entry (one with {@code _webSocketMessages} or
 * resource type {@code websocket}), {@code ws_open}, a {@code ws_frame} per message, a
 * {@code ws_error} among them at its time, and {@code ws_close}. The reverse of {@link
 * HttpEntries}, {@link WebSocketConnection} and {@link SseStream}, so that an exported capture
 * imports as it was.
 */
final class HarEntryEvents {
  private static final String TRUNCATED = "body truncated: only the first bytes of ";
  private static final String NOT_CAPTURED = "body not captured: ";
  private static final String OWN_SSE_ENTRY = "made by DataSipper for SSE messages";
  private static final int SWITCHING_PROTOCOLS = 101;

  private final EventStamps stamps;
  private final Source fileSource;
  private final HarPageTitles pages;

  /** @param fileSource the node and file every event is marked with */
  HarEntryEvents(EventStamps stamps, Source fileSource, HarPageTitles pages) {
    this.stamps = stamps;
    this.fileSource = fileSource;
    this.pages = pages;
  }

  /**
   * Makes the entry's events and hands them to {@code sink}: the exchange's, then its messages' in
   * file order; for a WebSocket, the handshake's, its messages' with its error at its time, then
   * its close.
   */
  void read(HarField entry, Consumer<CaptureEvent> sink) {
    entry.requireObject();
    HarField request = entry.get("request").requireObject();
    HarField response = entry.get("response").requireObject();
    Instant started = entry.get("startedDateTime").instant();
    double time = Math.max(0, entry.get("time").optionalNumber(0));
    Instant ended = started.plus(nanos(time));
    String url = request.get("url").text();
    String method = request.get("method").text();
    int status = response.get("status").integer();
    Source source = source(entry.get("pageref").optionalText());
    String resourceType = entry.get("_resourceType").optionalText();
    HarField socketMessages = entry.get("_webSocketMessages");
    if (socketMessages.present() || "websocket".equalsIgnoreCase(resourceType)
        || (status == SWITCHING_PROTOCOLS && "websocket".equalsIgnoreCase(upgrade(request)))) {
      webSocket(entry, started, ended, url, request, response, status, socketMessages, source, sink);
      return;
    }
    HarField sseMessages = entry.get("_eventSourceMessages");
    String comment = entry.get("comment").optionalText();
    String requestId = EventStamps.newId();
    boolean ownSseEntry = comment != null && comment.startsWith(OWN_SSE_ENTRY) && sseMessages.present();
    if (!ownSseEntry) {
      // The exchange shares its messages' request id, as a captured one does, so that it leads to them.
      String httpRequestId = sseMessages.present() ? requestId : null;
      sink.accept(http(entry, started, ended, time, httpRequestId, url, method, request, response, status,
          resourceType, source));
    }
    SseEvent.Via via = "eventsource".equals(resourceType) ? SseEvent.Via.EVENT_SOURCE : SseEvent.Via.FETCH;
    for (int i = 0, n = sseMessages.arraySize(); i < n; i++) {
      HarField m = sseMessages.at(i).requireObject();
      String eventName = m.get("eventName").optionalText();
      String eventId = m.get("eventId").optionalText();
      sink.accept(new SseEvent(EventStamps.newId(), stamps.nextSeq(), m.get("time").epochSeconds(), requestId, url,
          eventName == null || eventName.isEmpty() ? "message" : eventName,
          eventId == null || eventId.isEmpty() ? null : eventId, m.get("data").text(), via, source));
    }
  }

  private HttpEvent http(HarField entry, Instant started, Instant ended, double time, String requestId, String url,
      String method, HarField request, HarField response, int status, String resourceType, Source source) {
    List<EventHeader> requestHeaders = headers(request.get("headers"));
    HttpEvent.HttpRequest httpRequest = new HttpEvent.HttpRequest(requestHeaders, postData(request));
    HttpEvent.HttpResponse httpResponse = null;
    String errorText = entry.get("_error").optionalText();
    HttpEvent.HttpError error = null;
    if (status > 0) {
      HarField content = response.get("content");
      String mimeType = content.present() ? mimeType(content.get("mimeType").optionalText()) : null;
      long wireSize = (long) response.get("bodySize").optionalNumber(-1);
      Body body = content.present() ? responseBody(content) : null;
      boolean fromCache = entry.get("_fromCache").present() || (wireSize == 0 && body != null && body.size() > 0);
      httpResponse = new HttpEvent.HttpResponse(status, response.get("statusText").optionalText(),
          headers(response.get("headers")), mimeType, body, protocol(response.get("httpVersion").optionalText()),
          remoteIp(entry.get("serverIPAddress").optionalText()), null, fromCache);
      if (errorText != null) {
        error = new HttpEvent.HttpError(errorKind(errorText), errorText, null);
      }
    } else {
      // HAR has no failed state: a response of status 0 is one that never came.
      error = errorText == null ? new HttpEvent.HttpError("net_error", "no response", null)
          : new HttpEvent.HttpError(errorKind(errorText), errorText, null);
    }
    return new HttpEvent(EventStamps.newId(), stamps.nextSeq(), started, ended, requestId, url, method,
        httpRequest, httpResponse, timing(entry.get("timings"), time), List.of(), error, resourceType,
        initiator(entry), source);
  }

  /** The event's error kind for the browser's error text: Chrome's aborted and blocked requests have their own. */
  private static String errorKind(String text) {
    if (text.contains("ERR_ABORTED")) {
      return "canceled";
    }
    return text.contains("ERR_BLOCKED") ? "blocked" : "net_error";
  }

  /**
   * Chrome's and DataSipper's {@code _initiator} object ({@code type}, {@code url}), or chrome-har's
   * {@code _initiator_type} with the URL in {@code _initiator}; null when the file has neither.
   */
  private static HttpEvent.Initiator initiator(HarField entry) {
    HarField initiator = entry.get("_initiator");
    if (initiator.node().isObject()) {
      return new HttpEvent.Initiator(initiator.get("type").text(), initiator.get("url").optionalText());
    }
    String type = entry.get("_initiator_type").optionalText();
    return type == null ? null : new HttpEvent.Initiator(type, initiator.node().isTextual() ? initiator.text() : null);
  }

  private void webSocket(HarField entry, Instant started, Instant ended, String url, HarField request,
      HarField response, int status, HarField messages, Source source, Consumer<CaptureEvent> sink) {
    String connectionId = EventStamps.newId();
    String comment = entry.get("comment").optionalText();
    // A connection whose URL was unknown was exported with a placeholder and a comment saying so.
    String eventUrl = comment != null && comment.startsWith("URL unknown") ? "" : webSocketUrl(url);
    if (status > 0 && entry.get("_webSocketHandshakeSeen").optionalBoolean(true)) {
      sink.accept(new WsOpenEvent(EventStamps.newId(), stamps.nextSeq(), started, connectionId, eventUrl,
          headers(request.get("headers")), status, headers(response.get("headers")), source));
    }
    String error = entry.get("_error").optionalText();
    HarField errorTime = entry.get("_webSocketErrorTime");
    // DataSipper's export gives the error's time; other tools' entries do not, so it ends the connection.
    Instant errorAt = errorTime.present() ? errorTime.epochSeconds() : ended;
    Runnable reportError = () -> sink.accept(
        new WsErrorEvent(EventStamps.newId(), stamps.nextSeq(), errorAt, connectionId, eventUrl, error, source));
    boolean errorPending = error != null;
    Instant last = started;
    for (int i = 0, n = messages.arraySize(); i < n; i++) {
      HarField message = messages.at(i).requireObject();
      if (errorPending && message.get("time").epochSeconds().isAfter(errorAt)) {
        reportError.run();
        errorPending = false;
      }
      WsFrameEvent frame = frame(message, connectionId, eventUrl, source);
      last = frame.timestamp().isAfter(last) ? frame.timestamp() : last;
      sink.accept(frame);
    }
    if (errorPending) {
      reportError.run();
    }
    // DataSipper's export says whether the connection closed. Other tools' entries span the
    // connection's life: it ended after its last message when it closed.
    boolean endedAfterLast = ended.isAfter(last) && (status == SWITCHING_PROTOCOLS || messages.arraySize() > 0);
    if (entry.get("_webSocketClosed").optionalBoolean(endedAfterLast)) {
      sink.accept(new WsCloseEvent(EventStamps.newId(), stamps.nextSeq(), ended, connectionId, eventUrl, source));
    }
  }

  private WsFrameEvent frame(HarField m, String connectionId, String url, Source source) {
    String type = m.get("type").text();
    WsFrameEvent.Direction direction = switch (type) {
      case "send" -> WsFrameEvent.Direction.SENT;
      case "receive" -> WsFrameEvent.Direction.RECEIVED;
      default -> throw m.get("type").problem("expected \"send\" or \"receive\", not \"" + type + "\"");
    };
    int opcode = m.get("opcode").integer();
    String data = m.get("data").text();
    Body payload;
    WsFrameEvent.Opcode op;
    if (opcode == 1) {
      op = WsFrameEvent.Opcode.TEXT;
      payload = Body.text(data, data.getBytes(StandardCharsets.UTF_8).length, false);
    } else {
      op = opcode == 2 ? WsFrameEvent.Opcode.BINARY : WsFrameEvent.Opcode.CONTROL;
      payload = Body.base64(data, decodedLength(m.get("data"), data), false);
    }
    return new WsFrameEvent(EventStamps.newId(), stamps.nextSeq(), m.get("time").epochSeconds(), connectionId, url,
        direction, op, payload, payload.size(), source);
  }

  /** The request's Upgrade header, or null: mitmproxy marks a WebSocket entry only with its handshake. */
  private static String upgrade(HarField request) {
    return EventHeader.find(headers(request.get("headers")), "upgrade");
  }

  /** A WebSocket's URL with its own scheme: some tools write the handshake's {@code http://} URL. */
  private static String webSocketUrl(String url) {
    if (url.startsWith("http://")) {
      return "ws://" + url.substring("http://".length());
    }
    return url.startsWith("https://") ? "wss://" + url.substring("https://".length()) : url;
  }

  private Source source(String pageref) {
    if (pageref == null) {
      return fileSource;
    }
    return new Source(pageref, null, "page", pages.title(pageref), fileSource.node(), fileSource.importedFrom());
  }

  private static List<EventHeader> headers(HarField list) {
    int n = list.arraySize();
    List<EventHeader> headers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      HarField h = list.at(i).requireObject();
      headers.add(new EventHeader(h.get("name").text(), h.get("value").text()));
    }
    return headers;
  }

  private static Body postData(HarField request) {
    HarField post = request.get("postData");
    if (!post.present()) {
      return null;
    }
    post.requireObject();
    String text = post.get("text").optionalText();
    long size = (long) request.get("bodySize").optionalNumber(-1);
    if (text == null) {
      // HAR lets a tool give a form's parameters instead of the text (chrome-har does so for JSON too).
      return Body.omitted(Math.max(0, size), "only the body's parameters are in the HAR file");
    }
    boolean base64 = "base64".equals(post.get("_encoding").optionalText());
    return body(text, base64, size, post.get("comment").optionalText(), post.get("text"));
  }

  private static Body responseBody(HarField content) {
    String text = content.get("text").optionalText();
    String comment = content.get("comment").optionalText();
    long size = (long) content.get("size").optionalNumber(-1);
    if (text == null && comment == null) {
      return size > 0 ? Body.omitted(size, "not in the HAR file") : null;
    }
    return body(text, "base64".equals(content.get("encoding").optionalText()), size, comment, content.get("text"));
  }

  /** A body from its text and the comment DataSipper writes when the text is not all of it. */
  private static Body body(String text, boolean base64, long size, String comment, HarField textField) {
    if (comment != null && comment.startsWith(NOT_CAPTURED)) {
      return Body.omitted(Math.max(0, size), comment.substring(NOT_CAPTURED.length()));
    }
    if (text == null) {
      return Body.omitted(Math.max(0, size), comment == null ? "not in the HAR file" : comment);
    }
    long length = base64 ? decodedLength(textField, text) : text.getBytes(StandardCharsets.UTF_8).length;
    boolean truncated = comment != null && comment.startsWith(TRUNCATED);
    long original = truncated || size >= length ? Math.max(size, length) : length;
    return base64 ? Body.base64(text, original, truncated) : Body.text(text, original, truncated);
  }

  private static long decodedLength(HarField field, String base64) {
    try {
      return Base64.getMimeDecoder().decode(base64).length;
    } catch (IllegalArgumentException e) {
      throw field.problem("expected base64: " + e.getMessage());
    }
  }

  /** The mime type without parameters; Chrome's placeholder for an unknown one is none. */
  private static String mimeType(String given) {
    if (given == null) {
      return null;
    }
    int semicolon = given.indexOf(';');
    String bare = (semicolon < 0 ? given : given.substring(0, semicolon)).strip();
    return bare.isEmpty() || bare.equals(HarParts.UNKNOWN_MIME_TYPE) ? null : bare;
  }

  /** HAR's {@code httpVersion} as the browser's protocol name: {@code h2}, {@code h3}, {@code http/1.1}. */
  static String protocol(String httpVersion) {
    if (httpVersion == null || httpVersion.isEmpty()) {
      return null;
    }
    String v = httpVersion.toLowerCase(Locale.ROOT);
    if (v.equals("h2") || v.startsWith("http/2")) {
      return "h2";
    }
    if (v.startsWith("h3") || v.startsWith("http/3")) {
      return "h3";
    }
    return v;
  }

  /** Bare, as events keep it: Chrome writes IPv6 addresses in brackets. */
  private static String remoteIp(String given) {
    if (given == null || given.isEmpty()) {
      return null;
    }
    return given.startsWith("[") && given.endsWith("]") ? given.substring(1, given.length() - 1) : given;
  }

  private static HttpEvent.Timing timing(HarField timings, double total) {
    if (!timings.present()) {
      return null;
    }
    timings.requireObject();
    return new HttpEvent.Timing(timings.get("blocked").optionalNumber(-1), timings.get("dns").optionalNumber(-1),
        timings.get("connect").optionalNumber(-1), timings.get("ssl").optionalNumber(-1),
        timings.get("send").optionalNumber(0), timings.get("wait").optionalNumber(0),
        timings.get("receive").optionalNumber(0), total);
  }

  private static Duration nanos(double ms) {
    return Duration.ofNanos(Math.round(ms * 1e6));
  }
}
