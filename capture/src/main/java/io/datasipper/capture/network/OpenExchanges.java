package io.datasipper.capture.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.HttpEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchanges in flight, keyed by request id alone, because one request can be reported on two
 * sessions (a dedicated worker's script starts on the page and is answered on the worker). An
 * exchange becomes its events once it is complete.
 */
final class OpenExchanges {
  private static final Logger LOG = LoggerFactory.getLogger(OpenExchanges.class);

  private final Map<String, Exchange> open = new HashMap<>();
  private final Emitter emitter;
  private final BrowserClock clock;
  private final SseEvents sse;

  OpenExchanges(Emitter emitter, BrowserClock clock, SseEvents sse) {
    this.emitter = emitter;
    this.clock = clock;
    this.sse = sse;
  }

  Exchange get(String requestId) {
    return open.get(requestId);
  }

  void add(Exchange x) {
    open.put(x.requestId, x);
  }

  /** Forgets an exchange without recording it. */
  void drop(String requestId) {
    open.remove(requestId);
  }

  List<Exchange> all() {
    return List.copyOf(open.values());
  }

  /** Records the exchange (and the messages of its event stream) once nothing is outstanding. */
  void emitIfComplete(Exchange x) {
    if (x.isComplete() && open.remove(x.requestId, x)) {
      if (x.eventStream != null) {
        sse.fromBody(x, x.eventStream.messagesAtEnd(), x.endMonotonic);
      }
      emit(x);
    }
  }

  /** Records what is still in flight as incomplete. */
  void flushIncomplete(String reason) {
    for (Exchange x : all()) {
      x.error = new HttpEvent.HttpError("incomplete", reason, null);
      emit(x);
    }
    open.clear();
  }

  /**
   * Counts a request to the browser as outstanding for the exchange and returns the handler of its
   * reply, which ends by recording the exchange if that was the last thing it waited for. Reply
   * handlers run inside the connection's future chain, where a thrown exception would vanish: it
   * is logged instead.
   */
  BiConsumer<JsonNode, Throwable> awaitReply(Exchange x, BiConsumer<JsonNode, Throwable> handler) {
    x.outstanding++;
    return (res, err) -> {
      try {
        handler.accept(res, err);
        x.outstanding--;
        emitIfComplete(x);
      } catch (RuntimeException e) {
        LOG.error("failed to record {} {}", x.method, loggable(x), e);
      }
    };
  }

  /** The exchange's URL as it may be logged: redacted like the events. */
  String loggable(Exchange x) {
    return emitter.redactor().url(x.url);
  }

  private void emit(Exchange x) {
    emitter.emit((id, seq) -> x.toEvent(id, seq, clock));
  }
}
