package io.datasipper.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.config.ByteSize;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of a config file together with where it sits, so that every complaint names the file,
 * the path to the key (e.g. {@code capture.bodies.max_bytes}), the bad value and what is allowed.
 */
final class ConfigNode {
  private static final int MAX_SHOWN_CHARS = 60;
  private static final com.fasterxml.jackson.databind.ObjectMapper PLAIN = new com.fasterxml.jackson.databind.ObjectMapper();

  private final String file;
  private final String path;
  private final JsonNode value;

  private ConfigNode(String file, String path, JsonNode value) {
    this.file = file;
    this.path = path;
    this.value = value;
  }

  static ConfigNode root(String file, JsonNode value) {
    return new ConfigNode(file, "", value);
  }

  /** The entries of this mapping, in file order, once every key is known to be allowed. */
  Map<String, ConfigNode> mapping(List<String> allowedKeys) {
    if (!value.isObject()) {
      throw mismatch("a mapping with the keys " + String.join(", ", allowedKeys));
    }
    Map<String, ConfigNode> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      ConfigNode child = new ConfigNode(file, childPath(entry.getKey()), entry.getValue());
      if (!allowedKeys.contains(entry.getKey())) {
        throw child.error("unknown key; allowed " + (path.isEmpty() ? "at the top" : "under " + path)
            + ": " + String.join(", ", allowedKeys));
      }
      entries.put(entry.getKey(), child);
    }
    return entries;
  }

  /** The entries of a mapping whose keys are names chosen by the user (output names, settings). */
  Map<String, ConfigNode> entries() {
    if (!value.isObject()) {
      throw mismatch("a mapping");
    }
    Map<String, ConfigNode> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      entries.put(entry.getKey(), new ConfigNode(file, childPath(entry.getKey()), entry.getValue()));
    }
    return entries;
  }

  /** The node at {@code key} below this one (missing when absent), for errors about that key. */
  ConfigNode child(String key) {
    return new ConfigNode(file, childPath(key), value.path(key));
  }

  /** The value as plain Java data (maps, lists, strings, numbers, booleans) for other parsers. */
  Object plain() {
    return PLAIN.convertValue(value, Object.class);
  }

  String path() {
    return path;
  }

  /** An error whose message already names its path (from another parser): prefixed by the file only. */
  ConfigException fileError(String message) {
    return new ConfigException(file + ": " + message);
  }

  List<ConfigNode> list(String itemDescription) {
    if (!value.isArray()) {
      throw mismatch("a list of " + itemDescription + ", e.g. [\"a\", \"b\"]");
    }
    List<ConfigNode> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      items.add(new ConfigNode(file, path + "[" + i + "]", value.get(i)));
    }
    return items;
  }

  String nonEmptyString() {
    if (!value.isTextual() || value.asText().isBlank()) {
      throw mismatch("a non-empty string");
    }
    return value.asText();
  }

  boolean bool() {
    if (!value.isBoolean()) {
      throw mismatch("true or false");
    }
    return value.booleanValue();
  }

  /** A whole number from {@code min} to {@code max}, such as a count of events. */
  long wholeNumber(long min, long max) {
    String expected = "a whole number from " + min + " to " + max;
    if (!value.isIntegralNumber()) {
      throw mismatch(expected);
    }
    if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
      throw error(shown() + " is out of range; expected " + expected);
    }
    return value.longValue();
  }

  /** A count of bytes: a whole number or a string such as {@code 512KiB} (see {@link ByteSize}). */
  long byteSize() {
    return byteSize(0, Long.MAX_VALUE);
  }

  /**
   * A count of bytes from {@code min} to {@code max}: a whole number or a string such as
   * {@code 512KiB} (see {@link ByteSize}), read exactly, so that no size wraps round.
   */
  long byteSize(long min, long max) {
    String expected = "; expected a size from " + ByteSize.format(min) + " to " + ByteSize.format(max) + ": "
        + ByteSize.FORMS;
    BigInteger bytes;
    if (value.isIntegralNumber()) {
      bytes = value.bigIntegerValue();
    } else if (value.isTextual()) {
      bytes = ByteSize.parse(value.asText());
      if (bytes == null) {
        throw error(shown() + " is not a size" + expected);
      }
    } else {
      throw error("expected a size from " + ByteSize.format(min) + " to " + ByteSize.format(max) + ": "
          + ByteSize.FORMS + ", got " + shown());
    }
    if (bytes.compareTo(BigInteger.valueOf(min)) < 0) {
      throw error(shown() + (bytes.signum() < 0 ? " is negative" : " is too small") + expected);
    }
    if (bytes.compareTo(BigInteger.valueOf(max)) > 0) {
      throw error(shown() + " is too large" + expected);
    }
    return bytes.longValueExact();
  }

  /** The error for this value: one line, {@code file: path: problem}. */
  ConfigException error(String problem) {
    return new ConfigException(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
  }

  String shown() {
    if (value.isNull()) {
      return "an empty value";
    }
    String text = value.toString();
    return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "...";
  }

  private ConfigException mismatch(String expected) {
    return error("expected " + expected + ", got " + shown());
  }

  private String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
