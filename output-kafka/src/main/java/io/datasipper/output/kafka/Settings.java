package io.datasipper.output.kafka;

import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Kafka output's settings: the common readers, and those for values Kafka takes as text. */
final class Settings extends OutputSettings {

  Settings(Map<String, Object> values, List<String> allowed) throws OutputConfigException {
    super(values, allowed);
  }

  /** A string, or a number or boolean written without quotes (YAML reads {@code acks: 1} as a number). */
  String scalar(String key, String fallback) throws OutputConfigException {
    Object v = value(key);
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    return string(key, fallback);
  }

  /** A list of non-empty strings, or one string of comma-separated items. */
  List<String> list(String key) throws OutputConfigException {
    Object v = value(key);
    if (v == null) {
      return List.of();
    }
    List<?> items = v instanceof String s ? List.of((Object[]) s.split(",")) : v instanceof List<?> l ? l : null;
    if (items == null || items.isEmpty()) {
      throw new OutputConfigException(key, key + " must be a list or a comma-separated string, was " + v);
    }
    List<String> out = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof String s) || s.isBlank()) {
        throw new OutputConfigException(key, key + " must list non-empty strings, was " + v);
      }
      out.add(s.strip());
    }
    return out;
  }

  Integer optionalWhole(String key, int min, int max) throws OutputConfigException {
    return value(key) == null ? null : (int) whole(key, 0, min, max);
  }

  String oneOf(String key, String fallback, List<String> allowed) throws OutputConfigException {
    String v = scalar(key, fallback);
    if (!allowed.contains(v)) {
      throw new OutputConfigException(key, key + " must be one of " + String.join(", ", allowed) + ", was " + v);
    }
    return v;
  }

  /**
   * A map of names to strings, numbers or booleans, all given back as strings; empty when absent.
   * (The common {@link #stringMap} takes strings only.)
   */
  Map<String, String> scalarMap(String key) throws OutputConfigException {
    Object v = value(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new OutputConfigException(key, key + " must be a map of names to values, was " + v);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object value = e.getValue();
      if (!(e.getKey() instanceof String name)
          || !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        throw new OutputConfigException(key + "." + e.getKey(),
            key + "." + e.getKey() + " must be a string, number or boolean, was " + value);
      }
      out.put(name, value.toString());
    }
    return out;
  }
}
