package io.datasipper.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code /ws/ticker} WebSocket. A client sends {@code {"type":"subscribe","symbols":[...]}} and
 * then gets a {@code tick} for each price move of those symbols; {@code {"type":"ping","at":N}} is
 * answered with {@code {"type":"pong","at":N}}.
 */
final class TickerSocket {
  record ClientMessage(String type, List<String> symbols, Long at) {}

  record Subscribed(String type, List<String> symbols) {}

  record Pong(String type, Long at) {}

  record Problem(String type, String message) {}

  private final ObjectMapper json;
  private final Map<WsContext, Set<String>> subscriptions = new ConcurrentHashMap<>();

  TickerSocket(ObjectMapper json) {
    this.json = json;
  }

  void configure(WsConfig ws) {
    ws.onMessage(this::answer);
    ws.onClose(subscriptions::remove);
    ws.onError(subscriptions::remove);
  }

  void push(Market.Tick tick) {
    String text = text(tick);
    subscriptions.forEach((client, symbols) -> {
      if (symbols.contains(tick.symbol()) && client.session.isOpen()) {
        client.send(text);
      }
    });
  }

  private void answer(WsMessageContext ctx) {
    ClientMessage message;
    try {
      message = json.readValue(ctx.message(), ClientMessage.class);
    } catch (JsonProcessingException e) {
      ctx.send(text(new Problem("error", "not a JSON message: " + e.getOriginalMessage())));
      return;
    }
    Object reply = switch (String.valueOf(message.type())) {
      case "subscribe" -> subscribe(ctx, message.symbols());
      case "ping" -> new Pong("pong", message.at());
      default -> new Problem("error", "unknown type " + message.type() + "; expected subscribe or ping");
    };
    ctx.send(text(reply));
  }

  private Subscribed subscribe(WsContext ctx, List<String> requested) {
    List<String> known = requested == null ? List.of() : requested.stream().filter(Market.symbols()::contains).toList();
    subscriptions.put(ctx, Set.copyOf(known));
    return new Subscribed("subscribed", known);
  }

  private String text(Object message) {
    try {
      return json.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      // Only this class's own records are written: failing here is a bug, not bad input.
      throw new UncheckedIOException(e);
    }
  }
}
