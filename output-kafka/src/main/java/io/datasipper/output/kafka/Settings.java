package io.datasipper.output.kafka;

import io.datasipper.api.config.ConfigValue;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputSettings;
import io.datasipper.api.output.SettingSpec;
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
    ConfigValue node = node(key);
    if (node.value() == null) {
      return List.of();
    }
    String expected = "a list of non-empty strings or one comma-separated string";
    return read(() -> {
      List<?> items = node.value() instanceof String s ? List.of((Object[]) s.split(","))
          : node.value() instanceof List<?> l ? l : List.of();
      if (items.isEmpty()) {
        throw node.mismatch(expected);
      }
      List<String> out = new ArrayList<>();
      for (Object item : items) {
        if (!(item instanceof String s) || s.isBlank()) {
          throw node.mismatch(expected);
        }
        out.add(s.strip());
      }
      return out;
    });
  }

  /** The whole number {@code spec} describes, in its range (an int's at most), or null when absent. */
  Integer optionalWhole(SettingSpec spec) throws OutputConfigException {
    return value(spec.name()) == null ? null : Math.toIntExact(whole(spec.name(), 0, spec.min(), spec.max()));
  }

  String oneOf(String key, String fallback, List<String> allowed) throws OutputConfigException {
    String v = scalar(key, fallback);
    if (!allowed.contains(v)) {
      return read(() -> {
        throw node(key).mismatch("one of " + String.join(", ", allowed));
      });
    }
    return v;
  }

  /**
   * A map of names to strings, numbers or booleans, all given back as strings; empty when absent.
   * (The common {@link #stringMap} takes strings only.)
   */
  Map<String, String> scalarMap(String key) throws OutputConfigException {
    ConfigValue node = node(key);
    if (node.value() == null) {
      return Map.of();
    }
    return read(() -> {
      Map<String, String> out = new LinkedHashMap<>();
      node.entries().forEach((name, value) -> {
        if (!value.isScalar()) {
          throw value.mismatch("a string, number or boolean");
        }
        out.put(name, value.value().toString());
      });
      return out;
    });
  }
}
