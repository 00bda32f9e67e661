package io.datasipper.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of a rule as a YAML or JSON parser gives it (map, list, string, number, boolean or
 * null) together with where it sits, so that every complaint names the path to the key, the bad
 * value and what is allowed.
 */
final class RuleNode {
  private static final int MAX_SHOWN_CHARS = 60;
  private static final ObjectMapper SHOW = new ObjectMapper();

  private final String path;
  private final Object value;

  RuleNode(String path, Object value) {
    this.path = path;
    this.value = value;
  }

  String path() {
    return path;
  }

  Object value() {
    return value;
  }

  boolean isScalar() {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  /** The entries of this mapping, in their order, once every key is known to be allowed. */
  Map<String, RuleNode> mapping(List<String> allowedKeys) {
    if (!(value instanceof Map<?, ?> map)) {
      throw mismatch("a mapping with the keys " + String.join(", ", allowedKeys));
    }
    Map<String, RuleNode> entries = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      RuleNode child = new RuleNode(childPath(key), entry.getValue());
      if (!allowedKeys.contains(key)) {
        throw child.error("unknown key; allowed " + (path.isEmpty() ? "here" : "under " + path) + ": "
            + String.join(", ", allowedKeys));
      }
      entries.put(key, child);
    }
    return entries;
  }

  /** The value under {@code key} of a checked mapping. */
  RuleNode required(Map<String, RuleNode> entries, String key, String why) {
    RuleNode child = entries.get(key);
    if (child == null) {
      throw error("missing the key " + key + why);
    }
    return child;
  }

  List<RuleNode> list(String itemDescription) {
    if (!(value instanceof List<?> items)) {
      throw mismatch("a list of " + itemDescription);
    }
    List<RuleNode> nodes = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      nodes.add(new RuleNode(path + "[" + i + "]", items.get(i)));
    }
    return nodes;
  }

  String nonEmptyString(String expected) {
    if (!(value instanceof String s) || s.isEmpty()) {
      throw mismatch(expected);
    }
    return s;
  }

  boolean bool() {
    if (!(value instanceof Boolean b)) {
      throw mismatch("true or false");
    }
    return b;
  }

  /** The error for this value: {@code path: problem}. */
  RuleException error(String problem) {
    return new RuleException(path, problem);
  }

  RuleException mismatch(String expected) {
    return error("expected " + expected + ", got " + shown());
  }

  /** The value as JSON, cut short: strings in quotes so that blanks and empty ones show. */
  String shown() {
    if (value == null) {
      return "an empty value";
    }
    String text;
    try {
      text = SHOW.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      text = String.valueOf(value);
    }
    return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "...";
  }

  private String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
