package io.datasipper.server.deadletters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.server.ApiError;
import io.datasipper.server.JsonBody;
import io.datasipper.server.ServerPart;
import io.datasipper.store.DeadLetters;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * The dead letters: listed by id (keyset paging), one by one, and sent back for delivery. Sending
 * back only marks them in the store; the running pipeline's worker for their output writes them
 * again (or the next {@code deliver}, when none runs), so delivery keeps its one path, its retries
 * and its order.
 */
public final class DeadLettersPart implements ServerPart {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;
  private static final Set<String> FILTER_KEYS = Set.of("stream", "output");

  private final DeadLetters letters;

  public DeadLettersPart(EventStore store) {
    this.letters = new DeliveryLedger(store).redeliveries();
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/api/dead-letters", ApiError.answering(this::list));
    routes.get("/api/dead-letters/{id}", ApiError.answering(this::one));
    routes.post("/api/dead-letters/redeliver", ApiError.answering(this::redeliverAll));
    routes.post("/api/dead-letters/{id}/redeliver", ApiError.answering(this::redeliverOne));
  }

  private void list(Context ctx) throws Exception {
    String stream = ctx.queryParam("stream");
    String output = ctx.queryParam("output");
    long after = number(ctx.queryParam("after"), "after", 0, Long.MAX_VALUE, 0);
    int limit = (int) number(ctx.queryParam("limit"), "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    List<DeadLetters.Entry> page = letters.page(blankToNull(stream), blankToNull(output), after, limit);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode items = body.putArray("dead_letters");
    page.forEach(e -> items.add(json(e)));
    if (page.size() == limit) {
      body.put("next", page.getLast().id());
    } else {
      body.putNull("next");
    }
    ApiError.send(ctx, 200, body);
  }

  private void one(Context ctx) throws Exception {
    long id = id(ctx);
    DeadLetters.Entry entry = letters.get(id).orElseThrow(() -> notFound(id));
    ApiError.send(ctx, 200, json(entry));
  }

  private void redeliverOne(Context ctx) throws Exception {
    long id = id(ctx);
    DeadLetters.Entry entry = letters.requeue(id).orElseThrow(() -> notFound(id));
    DeliveryLedger.DeadLetter letter = entry.letter();
    if (letter.output() == null) {
      throw new ApiError(409, "dead letter " + id + " failed in stream '" + letter.stream()
          + "' before any output (" + letter.error() + "): there is no output to send it back to;"
          + " fix the stream and replay it");
    }
    if (entry.state() == DeadLetters.State.DELIVERED) {
      throw new ApiError(409, "dead letter " + id + " was delivered to output '" + letter.output() + "' at "
          + entry.stateAt() + "; it is not sent again");
    }
    ApiError.send(ctx, 202, json(entry));
  }

  private void redeliverAll(Context ctx) throws Exception {
    JsonNode filter = filter(ctx.body());
    int requeued = letters.requeue(text(filter, "stream"), text(filter, "output"));
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("requeued", requeued);
    ApiError.send(ctx, 202, body);
  }

  private static JsonNode filter(String body) {
    return JsonBody.object(body, FILTER_KEYS, "stream and/or output");
  }

  private static String text(JsonNode filter, String key) {
    JsonNode node = filter.get(key);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new ApiError(400, "body." + key + ": " + node + " is not a " + key + " name");
    }
    return node.asText();
  }

  private static ObjectNode json(DeadLetters.Entry entry) {
    DeliveryLedger.DeadLetter letter = entry.letter();
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", entry.id());
    node.put("state", entry.state().label());
    node.put("redeliveries", entry.redeliveries());
    node.put("state_at", entry.stateAt() == null ? null : entry.stateAt().toString());
    node.put("at", letter.at().toString());
    node.put("stream", letter.stream());
    node.put("output", letter.output());
    node.put("source_seq", letter.sourceSeq());
    node.put("event_id", letter.eventId());
    node.set("record", record(letter.record()));
    node.put("error", letter.error());
    return node;
  }

  /** The record as JSON; null when none was kept (an event that could not be read back). */
  private static JsonNode record(String text) {
    if (text == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    try {
      return ApiError.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return JsonNodeFactory.instance.textNode(text);
    }
  }

  private static long id(Context ctx) {
    return number(ctx.pathParam("id"), "id", 1, Long.MAX_VALUE, 0);
  }

  private static long number(String value, String name, long min, long max, long absent) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    try {
      long n = Long.parseLong(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiError(400, name + ": '" + value + "' is not a number from " + min + " to " + max);
  }

  private static ApiError notFound(long id) {
    return new ApiError(404, "dead letter " + id + ": no such dead letter");
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
