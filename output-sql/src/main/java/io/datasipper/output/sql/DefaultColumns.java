package io.datasipper.output.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.output.OutputRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The columns written when the config names none; {@code create_table} makes a table of exactly
 * these. {@code type} is the captured event's type, also when a transform reshaped the value (as
 * Kafka's {@code datasipper-type} header). {@code captured_at} may be null: a transform can return
 * values without a time, and the default table should take any record rather than dead-letter it.
 */
final class DefaultColumns {
  private DefaultColumns() {}

  static List<Column> all() {
    return List.of(
        new Column("event_id", r -> r.eventId()),
        new Column("stream", r -> r.stream()),
        new Column("source_seq", r -> r.sourceSeq()),
        new Column("type", OutputRecord::eventType),
        new Column("captured_at", r -> capturedAt(r.value())),
        new Column("payload", OutputRecord::json));
  }

  /** {@code timestamp}, or an HTTP exchange's {@code ended_at} (HTTP events carry no timestamp field). */
  static Instant capturedAt(JsonNode value) {
    String at = text(value.get("timestamp"));
    if (at == null) {
      at = text(value.get("ended_at"));
    }
    if (at == null) {
      return null;
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      return null; // a transform's own timestamp format: keep the record, leave the column empty
    }
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }
}
