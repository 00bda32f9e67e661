package io.datasipper.server.deadletters;

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
import java.util.Optional;
import java.util.Set;

/**
 * The dead letters: listed by id (keyset paging), one by one, sent back for delivery, and
 * discarded. Sending back only marks them in the store; the running pipeline's worker for their
 * output writes them again (or the next {@code deliver}, when none runs), so delivery keeps its one
 * path, its retries and its order.
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
    routes.delete("/api/dead-letters/{id}", ApiError.answering(this::discardOne));
    routes.post("/api/dead-letters/discard", ApiError.answering(this::discardAll));
  }

  private void list(Context ctx) throws Exception {
    String stream = ctx.queryParam("stream");
    String output = ctx.queryParam("output");
    long after = number(ctx.queryParam("after"), "after", 0, Long.MAX_VALUE, 0);
    int limit = (int) number(ctx.queryParam("limit"), "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    List<DeadLetters.Entry> page = letters.page(blankToNull(stream), blankToNull(output), after, limit);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode items = body.putArray("dead_letters");
    page.forEach(e -> items.add(DeadLetterJson.of(e)));
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
    ApiError.send(ctx, 200, DeadLetterJson.of(entry));
  }

  private void redeliverOne(Context ctx) throws Exception {
    long id = id(ctx);
    DeadLetters.Entry entry = letters.requeue(id).orElseThrow(() -> notFound(id));
    Optional<String> refusal = DeadLetters.notSentBack(entry);
    if (refusal.isPresent()) {
      throw new ApiError(409, refusal.get());
    }
    ApiError.send(ctx, 202, DeadLetterJson.of(entry));
  }

  private void redeliverAll(Context ctx) throws Exception {
    JsonNode filter = filter(ctx.body());
    int requeued = letters.requeue(text(filter, "stream"), text(filter, "output"));
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("requeued", requeued);
    ApiError.send(ctx, 202, body);
  }

  private void discardOne(Context ctx) throws Exception {
    long id = id(ctx);
    DeadLetters.Discarded result = letters.discard(id);
    if (result == DeadLetters.Discarded.NO_SUCH_LETTER) {
      throw notFound(id);
    }
    Optional<String> refusal = result.refusal(id);
    if (refusal.isPresent()) {
      throw new ApiError(409, refusal.get());
    }
    ApiError.send(ctx, 200, discarded(1));
  }

  private void discardAll(Context ctx) throws Exception {
    JsonNode filter = filter(ctx.body());
    ApiError.send(ctx, 200, discarded(letters.discard(text(filter, "stream"), text(filter, "output"))));
  }

  private static ObjectNode discarded(int count) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("discarded", count);
    return body;
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
    return new ApiError(404, DeadLetters.noSuchLetter(id));
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
