package io.datasipper.capture.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.cdp.CdpConnection;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a target's {@code Network.*} events into events: HTTP exchanges ({@link ExchangeRecorder},
 * their bodies by {@link BodyReader}), server-sent events ({@link EventStreams}) and WebSockets
 * ({@link WebSocketRecorder}). DataSipper's own traffic is left out ({@link OwnTrafficPolicy}).
 */
public final class NetworkRecorder {
  private final OpenExchanges exchanges;
  private final BodyReader bodies;
  private final EventStreams eventStreams;
  private final ExchangeRecorder http;
  private final WebSocketRecorder webSockets;

  public NetworkRecorder(CdpConnection cdp, CaptureRules rules, Emitter emitter) {
    BrowserClock clock = new BrowserClock();
    OwnTrafficPolicy own = new OwnTrafficPolicy(rules.ownTraffic());
    SseEvents sse = new SseEvents(emitter, clock);
    this.exchanges = new OpenExchanges(emitter, clock, sse);
    this.bodies = new BodyReader(cdp, rules, exchanges);
    this.eventStreams = new EventStreams(cdp, rules.maxBodyBytes(), exchanges, sse);
    this.http = new ExchangeRecorder(rules, clock, own, exchanges, bodies, eventStreams);
    this.webSockets = new WebSocketRecorder(rules, own, emitter, clock);
  }

  /** Handles one {@code Network.*} event from the target. */
  public void onEvent(TargetRef target, String method, JsonNode p) {
    switch (method) {
      case "Network.requestWillBeSent" -> http.requestWillBeSent(target, p);
      case "Network.requestWillBeSentExtraInfo" -> http.requestExtraInfo(p);
      case "Network.responseReceived" -> http.responseReceived(target, p);
      case "Network.responseReceivedExtraInfo" -> http.responseExtraInfo(p);
      case "Network.loadingFinished" -> http.loadingFinished(target, p);
      case "Network.loadingFailed" -> http.loadingFailed(p);
      case "Network.dataReceived" -> eventStreams.dataReceived(p);
      case "Network.eventSourceMessageReceived" -> eventStreams.eventSourceMessage(p);
      default -> webSockets.onEvent(target, method, p);
    }
  }

  /** The URL of an exchange or WebSocket in flight, or null when none has this request id. */
  public String urlOf(String requestId) {
    Exchange x = exchanges.get(requestId);
    return x != null ? x.url : webSockets.urlOf(requestId);
  }

  /**
   * Emits what is still in flight when the capture ends: exchanges as incomplete (open streams,
   * long polls), and a close for each WebSocket still open.
   */
  public void flushIncomplete(String reason) {
    exchanges.flushIncomplete(reason);
    webSockets.closeAll();
  }

  /**
   * Asks for the bodies of responses the browser never reported finished (a page that did not read
   * them), so a clean shutdown keeps them too. Completes when every such request has been answered.
   */
  public CompletableFuture<Void> rescueUnfinishedBodies() {
    return bodies.rescueUnfinished();
  }
}
