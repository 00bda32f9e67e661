package io.datasipper.output.kafka;

import io.datasipper.api.output.OutputRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Text with record fields in it, e.g. {@code datasipper.${stream}} or {@code ${value.user.id}}: a
 * {@link RecordField} in each {@code ${...}}, the rest literal.
 */
final class Template {
  private final String source;
  private final List<Object> parts; // String literals and RecordFields, in order

  private Template(String source, List<Object> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /** @throws IllegalArgumentException on an unclosed or empty {@code ${}} or an unknown field */
  static Template parse(String source) {
    List<Object> parts = new ArrayList<>();
    int at = 0;
    while (at < source.length()) {
      int open = source.indexOf("${", at);
      if (open < 0) {
        parts.add(source.substring(at));
        break;
      }
      if (open > at) {
        parts.add(source.substring(at, open));
      }
      int close = source.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("\"${\" at character " + (open + 1) + " is not closed with \"}\"");
      }
      if (close == open + 2) {
        throw new IllegalArgumentException("\"${}\" at character " + (open + 1) + " names no field");
      }
      parts.add(RecordField.parse(source.substring(open + 2, close)));
      at = close + 1;
    }
    return new Template(source, parts);
  }

  /** True if the template names no field: every record gets the same text. */
  boolean isFixed() {
    return parts.stream().allMatch(p -> p instanceof String);
  }

  /** The literal parts, to check at load what they can be checked for. */
  List<String> literals() {
    return parts.stream().filter(p -> p instanceof String).map(p -> (String) p).toList();
  }

  String resolve(OutputRecord record) throws UnaddressableRecordException {
    if (parts.size() == 1 && parts.getFirst() instanceof String fixed) {
      return fixed;
    }
    StringBuilder out = new StringBuilder(64);
    for (Object part : parts) {
      out.append(part instanceof RecordField field ? field.read(record) : (String) part);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return source;
  }
}
