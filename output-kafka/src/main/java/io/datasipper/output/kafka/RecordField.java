package io.datasipper.output.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.output.OutputRecord;
import java.util.List;

/**
 * A field of an output record named in the settings: {@code stream}, {@code key} (the connection or
 * request id), {@code event_id}, {@code source_seq}, {@code type} (the value's {@code type}) or
 * {@code value.a.b} (a path into the value; numbers index arrays).
 */
final class RecordField {
  static final List<String> NAMES = List.of("stream", "key", "event_id", "source_seq", "type", "value.<path>");

  private final String expression;
  private final List<String> path;

  private RecordField(String expression, List<String> path) {
    this.expression = expression;
    this.path = path;
  }

  /** @throws IllegalArgumentException saying what names are allowed */
  static RecordField parse(String expression) {
    String e = expression.strip();
    if (e.equals("type")) {
      return new RecordField(e, List.of("type"));
    }
    if (e.startsWith("value.")) {
      List<String> path = List.of(e.substring("value.".length()).split("\\.", -1));
      if (path.stream().anyMatch(String::isEmpty)) {
        throw new IllegalArgumentException("\"" + e + "\" has an empty step in its path");
      }
      return new RecordField(e, path);
    }
    if (NAMES.contains(e)) {
      return new RecordField(e, null);
    }
    throw new IllegalArgumentException("unknown field \"" + e + "\"; fields: " + String.join(", ", NAMES));
  }

  String expression() {
    return expression;
  }

  /**
   * The field's text.
   *
   * @throws UnaddressableRecordException when the record lacks the field or it is not a scalar
   */
  String read(OutputRecord record) throws UnaddressableRecordException {
    if (path != null) {
      return scalar(record);
    }
    String text = switch (expression) {
      case "stream" -> record.stream();
      case "key" -> record.key();
      case "event_id" -> record.eventId();
      default -> Long.toString(record.sourceSeq());
    };
    if (text == null) {
      throw new UnaddressableRecordException("record " + record.eventId() + " has no " + expression);
    }
    return text;
  }

  private String scalar(OutputRecord record) throws UnaddressableRecordException {
    JsonNode node = record.value();
    for (String step : path) {
      node = node == null ? null : node.isArray() && step.chars().allMatch(Character::isDigit)
          ? node.get(Integer.parseInt(step)) : node.get(step);
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new UnaddressableRecordException("record " + record.eventId() + " of stream " + record.stream()
          + " has no field " + expression);
    }
    if (node.isContainerNode()) {
      throw new UnaddressableRecordException("field " + expression + " of record " + record.eventId()
          + " is " + (node.isArray() ? "an array" : "an object") + ", not a text, number or boolean");
    }
    return node.asText();
  }
}
