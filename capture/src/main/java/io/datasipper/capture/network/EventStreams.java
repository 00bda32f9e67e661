package io.datasipper.capture.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.capture.cdp.CdpConnection;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events: the messages the browser reports for an EventSource, and event streams a
 * page reads with fetch or XHR, which are parsed live (see {@link LiveEventStream}).
 */
final class EventStreams {
  private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);

  private final CdpConnection cdp;
  private final long maxBodyBytes;
  private final OpenExchanges exchanges;
  private final SseEvents sse;

  EventStreams(CdpConnection cdp, long maxBodyBytes, OpenExchanges exchanges, SseEvents sse) {
    this.cdp = cdp;
    this.maxBodyBytes = maxBodyBytes;
    this.exchanges = exchanges;
    this.sse = sse;
  }

  /** Asks the browser for the body's bytes as they arrive: an endless stream never reaches its end. */
  void stream(Exchange x, double respondedAt) {
    LiveEventStream stream = new LiveEventStream(respondedAt, maxBodyBytes);
    x.eventStream = stream;
    cdp.send(x.sessionId, "Network.streamResourceContent", CdpConnection.params().put("requestId", x.requestId))
        .whenComplete(exchanges.awaitReply(x, (res, err) -> {
          if (err == null) {
            byte[] buffered = Base64.getDecoder().decode(res.path("bufferedData").asText(""));
            sse.fromBody(x, stream.start(buffered), stream.lastChunkAt());
          } else {
            LOG.debug("{} {} is parsed when it ends: {}", x.method, exchanges.loggable(x), err.getMessage());
          }
        }));
  }

  /** {@code Network.dataReceived}: a chunk of a streamed body, with its bytes once streaming. */
  void dataReceived(JsonNode p) {
    Exchange x = exchanges.get(p.path("requestId").asText());
    if (x == null || x.eventStream == null) {
      return;
    }
    double at = p.path("timestamp").asDouble();
    String chunk = p.path("data").asText(null);
    sse.fromBody(x, x.eventStream.chunk(at, chunk == null ? null : Base64.getDecoder().decode(chunk)), at);
  }

  /** {@code Network.eventSourceMessageReceived}: one message of an EventSource being recorded. */
  void eventSourceMessage(JsonNode p) {
    Exchange x = exchanges.get(p.path("requestId").asText());
    if (x != null) {
      sse.fromEventSource(x, p);
    }
  }
}
