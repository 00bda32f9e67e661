package io.datasipper.server.deadletters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.server.ApiError;
import io.datasipper.store.DeadLetters;
import io.datasipper.store.DeliveryLedger;

/** A dead letter as JSON, the same for the API and for {@code datasipper dead-letters --json}. */
public final class DeadLetterJson {
  private DeadLetterJson() {}

  public static ObjectNode of(DeadLetters.Entry entry) {
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
  public static JsonNode record(String text) {
    if (text == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    try {
      return ApiError.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return JsonNodeFactory.instance.textNode(text);
    }
  }
}
