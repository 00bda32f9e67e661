package io.datasipper.output;

import io.datasipper.api.output.OutputConfigException;
import java.util.List;
import java.util.Map;

/** Reads an output's settings map, rejecting unknown keys and wrong types with the key named. */
final class Settings {
  private final Map<String, Object> values;

  Settings(Map<String, Object> values, List<String> allowed) throws OutputConfigException {
    this.values = values;
    for (String key : values.keySet()) {
      if (!allowed.contains(key)) {
        throw new OutputConfigException(key, "unknown key " + key + "; allowed: " + String.join(", ", allowed));
      }
    }
  }

  String string(String key, String fallback) throws OutputConfigException {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw new OutputConfigException(key, key + " must be a non-empty string, was " + v);
    }
    return s;
  }

  long positive(String key, long fallback) throws OutputConfigException {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != n.longValue()) {
      throw new OutputConfigException(key, key + " must be a whole number greater than 0, was " + v);
    }
    return n.longValue();
  }

  /** A size in bytes: a whole number, or text such as {@code 512KiB}, {@code 100MiB}, {@code 2GiB}. */
  long bytes(String key, long fallback) throws OutputConfigException {
    Object v = values.get(key);
    if (!(v instanceof String text)) {
      return positive(key, fallback);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d+)\\s*(B|KiB|MiB|GiB)?\\s*").matcher(text);
    if (!m.matches() || Long.parseLong(m.group(1)) <= 0) {
      throw new OutputConfigException(key, key + " must be a size such as 1048576, 512KiB or 100MiB, was " + text);
    }
    int shift = switch (m.group(2) == null ? "B" : m.group(2)) {
      case "KiB" -> 10;
      case "MiB" -> 20;
      case "GiB" -> 30;
      default -> 0;
    };
    return Long.parseLong(m.group(1)) << shift;
  }

  boolean bool(String key, boolean fallback) throws OutputConfigException {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw new OutputConfigException(key, key + " must be true or false, was " + v);
    }
    return b;
  }
}
