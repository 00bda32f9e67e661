package io.datasipper.capture.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsErrorEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import io.datasipper.capture.CaptureRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the {@code Network.webSocket*} events into ws_open, ws_frame, ws_error and ws_close. */
final class WebSocketRecorder {
  private static final int OPCODE_TEXT = 1;
  private static final int OPCODE_BINARY = 2;

  private final CaptureRules rules;
  private final OwnTrafficPolicy own;
  private final Emitter emitter;
  private final BrowserClock clock;
  private final Map<String, Connection> connections = new HashMap<>();
  // Connections the rules exclude; remembered so their frames are skipped cheaply.
  private final Set<String> excluded = new java.util.HashSet<>();

  private static final class Connection {
    final String url;
    final io.datasipper.api.event.Source source;
    List<EventHeader> requestHeaders = List.of();

    Connection(String url, io.datasipper.api.event.Source source) {
      this.url = url;
      this.source = source;
    }
  }

  WebSocketRecorder(CaptureRules rules, OwnTrafficPolicy own, Emitter emitter, BrowserClock clock) {
    this.rules = rules;
    this.own = own;
    this.emitter = emitter;
    this.clock = clock;
  }

  void onEvent(TargetRef target, String method, JsonNode p) {
    String connectionId = p.path("requestId").asText();
    if (!excluded.contains(connectionId) && isUnknownConnectionOfOwnPage(target, connectionId, method)) {
      excluded.add(connectionId);
    }
    if (excluded.contains(connectionId)) {
      if (method.equals("Network.webSocketClosed")) {
        excluded.remove(connectionId);
      }
      return;
    }
    switch (method) {
      case "Network.webSocketCreated" -> created(target, connectionId, p);
      case "Network.webSocketWillSendHandshakeRequest" -> {
        clock.learn(p.path("timestamp").asDouble(), p.path("wallTime").asDouble());
        connection(target, connectionId).requestHeaders =
            Headers.from(p.path("request").path("headers"));
      }
      case "Network.webSocketHandshakeResponseReceived" -> opened(target, connectionId, p);
      case "Network.webSocketFrameSent" -> frame(target, connectionId, p, WsFrameEvent.Direction.SENT);
      case "Network.webSocketFrameReceived" -> frame(target, connectionId, p, WsFrameEvent.Direction.RECEIVED);
      case "Network.webSocketFrameError" -> {
        Connection c = connection(target, connectionId);
        emitter.emit((id, seq) -> new WsErrorEvent(id, seq, time(p), connectionId, c.url,
            p.path("errorMessage").asText(), c.source));
      }
      case "Network.webSocketClosed" -> {
        Connection c = connections.remove(connectionId);
        if (c != null) {
          emitter.emit((id, seq) -> new WsCloseEvent(id, seq, time(p), connectionId, c.url, c.source));
        }
      }
      default -> { } // dataReceived, requestServedFromCache and the like add nothing to an event
    }
  }

  /**
   * A connection opened before DataSipper attached has no {@code webSocketCreated}, so its URL is
   * unknown; when the page it belongs to is one of DataSipper's own, it is DataSipper's.
   */
  private boolean isUnknownConnectionOfOwnPage(TargetRef target, String connectionId, String method) {
    return method.startsWith("Network.webSocket") && !method.equals("Network.webSocketCreated")
        && !connections.containsKey(connectionId) && own.isOwnPage(target);
  }

  /** The URL of an open connection, or null when none has this id or its URL is not known. */
  String urlOf(String connectionId) {
    Connection c = connections.get(connectionId);
    return c == null || c.url.isEmpty() ? null : c.url;
  }

  /** Records the end of connections still open when the capture ends: the browser closes them. */
  void closeAll() {
    java.time.Instant now = java.time.Instant.now();
    connections.forEach((connectionId, c) ->
        emitter.emit((id, seq) -> new WsCloseEvent(id, seq, now, connectionId, c.url, c.source)));
    connections.clear();
  }

  private void created(TargetRef target, String connectionId, JsonNode p) {
    String url = p.path("url").asText();
    if (own.isOwnSocket(url, target) || !rules.capturesRequest(url, "websocket")) {
      excluded.add(connectionId);
      return;
    }
    connections.put(connectionId, new Connection(url, target.source(null, null)));
  }

  private void opened(TargetRef target, String connectionId, JsonNode p) {
    Connection c = connection(target, connectionId);
    JsonNode response = p.path("response");
    List<EventHeader> responseHeaders = Headers.from(response.path("headers"));
    emitter.emit((id, seq) -> new WsOpenEvent(id, seq, time(p), connectionId, c.url, c.requestHeaders,
        response.path("status").asInt(), responseHeaders, c.source));
  }

  private void frame(TargetRef target, String connectionId, JsonNode p, WsFrameEvent.Direction direction) {
    Connection c = connection(target, connectionId);
    JsonNode response = p.path("response");
    int opcode = response.path("opcode").asInt();
    String data = response.path("payloadData").asText("");
    Body payload;
    WsFrameEvent.Opcode kind;
    long length;
    if (opcode == OPCODE_TEXT) {
      kind = WsFrameEvent.Opcode.TEXT;
      payload = Bodies.fromText(data, rules.maxBodyBytes());
      length = payload.size();
    } else {
      kind = opcode == OPCODE_BINARY ? WsFrameEvent.Opcode.BINARY : WsFrameEvent.Opcode.CONTROL;
      length = Bodies.base64DecodedLength(data);
      payload = length > rules.maxBodyBytes()
          ? Bodies.fromBase64(data, null, rules.maxBodyBytes())
          : Body.base64(data, length, false);
    }
    emitter.emit((id, seq) -> new WsFrameEvent(id, seq, time(p), connectionId, c.url, direction, kind,
        payload, length, c.source));
  }

  /** The connection, even when it was created before DataSipper attached. */
  private Connection connection(TargetRef target, String connectionId) {
    return connections.computeIfAbsent(connectionId, k -> new Connection("", target.source(null, null)));
  }

  private java.time.Instant time(JsonNode p) {
    return clock.toInstant(p.path("timestamp").asDouble());
  }
}
