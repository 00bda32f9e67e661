package io.datasipper.api.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A key, channel or field expression such as {@code datasipper:${stream}:${value.request.method}}:
 * literal text and placeholders. {@code ${stream}}, {@code ${event_id}}, {@code ${key}},
 * {@code ${seq}}, {@code ${type}} (the value's {@code type} field or, when a transform left it out,
 * the captured event's type), {@code ${value}} (the whole value)
 * and {@code ${value.a.b}} (a field of it; numbers index arrays). Strings render as their text,
 * other JSON as compact JSON. Parsed once at load, so a typo fails the config, not every record.
 */
public final class RecordTemplate {
  public static final List<String> NAMES = List.of("stream", "type", "event_id", "key", "seq", "value", "value.<path>");

  private final String source;
  private final List<Part> parts;
  /** No placeholder: known once, as outputs ask for every record. */
  private final boolean fixed;

  private RecordTemplate(String source, List<Part> parts) {
    this.source = source;
    this.parts = parts;
    this.fixed = parts.stream().allMatch(p -> p instanceof Literal);
  }

  /** @param key the settings key the template came from, named in errors */
  public static RecordTemplate parse(String key, String source) throws OutputConfigException {
    List<Part> parts = new ArrayList<>();
    int at = 0;
    while (at < source.length()) {
      int open = source.indexOf("${", at);
      if (open < 0) {
        parts.add(new Literal(source.substring(at)));
        break;
      }
      if (open > at) {
        parts.add(new Literal(source.substring(at, open)));
      }
      int close = source.indexOf('}', open);
      if (close < 0) {
        throw new OutputConfigException(key, key + " " + source + " has an unclosed ${ at character " + (open + 1));
      }
      String name = source.substring(open + 2, close).strip();
      if (name.isEmpty()) {
        throw new OutputConfigException(key, key + " " + source + " has a ${} at character " + (open + 1)
            + " that names no field");
      }
      parts.add(placeholder(key, source, name));
      at = close + 1;
    }
    return new RecordTemplate(source, List.copyOf(parts));
  }

  private static Part placeholder(String key, String source, String name) throws OutputConfigException {
    return switch (name) {
      case "stream" -> (r, t) -> r.stream();
      case "event_id" -> (r, t) -> r.eventId();
      case "seq" -> (r, t) -> Long.toString(r.sourceSeq());
      case "key" -> (r, t) -> present(r.key(), "the record has no key", r, t);
      case "type" -> new TypeOf(new ValuePath("type", List.of("type")));
      case "value" -> new ValuePath("value", List.of());
      default -> {
        if (!name.startsWith("value.")) {
          throw new OutputConfigException(key, key + " " + source + " has an unknown placeholder ${" + name
              + "}; known: " + String.join(", ", NAMES));
        }
        if (name.length() == 6 || name.contains("..") || name.endsWith(".")) {
          throw new OutputConfigException(key, key + " " + source + ": ${" + name + "} has an empty step in its path");
        }
        yield new ValuePath(name, List.of(name.substring(6).split("\\.")));
      }
    };
  }

  /** True if the template has no placeholder: every record gets the same text. */
  public boolean isFixed() {
    return fixed;
  }

  /** The literal text between the placeholders, to check at load what it can be checked for. */
  public List<String> literals() {
    return parts.stream().filter(p -> p instanceof Literal).map(p -> ((Literal) p).text()).toList();
  }

  public String render(OutputRecord record) throws MissingFieldException {
    if (parts.size() == 1) {
      return parts.getFirst().render(record, this);
    }
    StringBuilder out = new StringBuilder(64);
    for (Part p : parts) {
      out.append(p.render(record, this));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return source;
  }

  private static String present(String value, String problem, OutputRecord r, RecordTemplate t) throws MissingFieldException {
    if (value == null) {
      throw new MissingFieldException(t.source + ": " + problem + " (event " + r.eventId() + ", stream " + r.stream() + ")");
    }
    return value;
  }

  private interface Part {
    String render(OutputRecord record, RecordTemplate template) throws MissingFieldException;
  }

  private record Literal(String text) implements Part {
    @Override
    public String render(OutputRecord record, RecordTemplate template) {
      return text;
    }
  }

  /** The value's own type when it has one, else the type of the event the record was made from. */
  private record TypeOf(ValuePath field) implements Part {
    @Override
    public String render(OutputRecord record, RecordTemplate template) throws MissingFieldException {
      JsonNode type = record.value().path("type");
      if ((type.isMissingNode() || type.isNull()) && record.eventType() != null) {
        return record.eventType();
      }
      return field.render(record, template);
    }
  }

  private record ValuePath(String name, List<String> path) implements Part {
    @Override
    public String render(OutputRecord record, RecordTemplate template) throws MissingFieldException {
      JsonNode node = record.value();
      for (String step : path) {
        node = node.isArray() && isIndex(step) ? node.path(Integer.parseInt(step)) : node.path(step);
      }
      if (node.isMissingNode() || node.isNull()) {
        return present(null, name + " is missing from the value", record, template);
      }
      return node.isValueNode() ? node.asText() : node.toString();
    }

    private static boolean isIndex(String step) {
      return !step.isEmpty() && step.length() < 10 && step.chars().allMatch(Character::isDigit);
    }
  }
}
