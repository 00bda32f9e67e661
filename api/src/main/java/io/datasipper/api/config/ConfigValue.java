package io.datasipper.api.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of a config as a YAML or JSON parser gives it as plain data (map, list, string, number,
 * boolean or null) together with the path to it, so that every complaint names the path (e.g.
 * {@code streams[0].conditions[1].value}), the bad value and what is allowed. The config file
 * loader and the stream rule parser both walk their input with it; each says through {@link Errors}
 * which exception a complaint becomes (with or without a file name in front).
 */
public final class ConfigValue {
  private static final int MAX_SHOWN_CHARS = 60;
  private static final ObjectMapper SHOW = new ObjectMapper();

  /** Makes the exception for a complaint about the value at {@code path} (empty at the top). */
  @FunctionalInterface
  public interface Errors {
    RuntimeException at(String path, String problem);
  }

  private final String path;
  private final Object value;
  private final Errors errors;
  private final String top;

  private ConfigValue(String path, Object value, Errors errors, String top) {
    this.path = path;
    this.value = value;
    this.errors = errors;
    this.top = top;
  }

  /**
   * The value at {@code path} ({@code ""} for a whole document) whose complaints {@code errors}
   * makes; {@code top} is how an unknown key's message names the top level ({@code at the top},
   * {@code here}).
   */
  public static ConfigValue of(String path, Object value, Errors errors, String top) {
    return new ConfigValue(path, value, errors, top);
  }

  public String path() {
    return path;
  }

  /** The value as plain Java data (maps, lists, strings, numbers, booleans or null). */
  public Object value() {
    return value;
  }

  public boolean isScalar() {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  /** The entries of this mapping, in their order, once every key is known to be allowed. */
  public Map<String, ConfigValue> mapping(List<String> allowedKeys) {
    if (!(value instanceof Map<?, ?>)) {
      throw mismatch("a mapping with the keys " + String.join(", ", allowedKeys));
    }
    Map<String, ConfigValue> entries = entries();
    for (Map.Entry<String, ConfigValue> entry : entries.entrySet()) {
      if (!allowedKeys.contains(entry.getKey())) {
        throw entry.getValue().error("unknown key; allowed " + (path.isEmpty() ? top : "under " + path) + ": "
            + String.join(", ", allowedKeys));
      }
    }
    return entries;
  }

  /** The entries of a mapping whose keys are names chosen by the user (output names, settings). */
  public Map<String, ConfigValue> entries() {
    if (!(value instanceof Map<?, ?> map)) {
      throw mismatch("a mapping");
    }
    Map<String, ConfigValue> entries = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      entries.put(key, child(key, entry.getValue()));
    }
    return entries;
  }

  /** The value under {@code key} below this one (null when absent), for errors about that key. */
  public ConfigValue child(String key) {
    return child(key, value instanceof Map<?, ?> map ? map.get(key) : null);
  }

  /** The value under {@code key} of a checked mapping; missing, an error that says {@code why} it is needed. */
  public ConfigValue required(Map<String, ConfigValue> entries, String key, String why) {
    ConfigValue child = entries.get(key);
    if (child == null) {
      throw error("missing the key " + key + why);
    }
    return child;
  }

  /** The items of this list; not a list, an error expecting {@code a list of <itemDescription>}. */
  public List<ConfigValue> list(String itemDescription) {
    if (!(value instanceof List<?> items)) {
      throw mismatch("a list of " + itemDescription);
    }
    List<ConfigValue> nodes = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      nodes.add(new ConfigValue(path + "[" + i + "]", items.get(i), errors, top));
    }
    return nodes;
  }

  /** A string with something other than blanks in it. */
  public String nonBlankString() {
    if (!(value instanceof String s) || s.isBlank()) {
      throw mismatch("a non-empty string");
    }
    return s;
  }

  /** A string of at least one character; else an error expecting {@code expected}. */
  public String nonEmptyString(String expected) {
    if (!(value instanceof String s) || s.isEmpty()) {
      throw mismatch(expected);
    }
    return s;
  }

  public boolean bool() {
    if (!(value instanceof Boolean b)) {
      throw mismatch("true or false");
    }
    return b;
  }

  /** A whole number from {@code min} to {@code max}, such as a count of events. */
  public long wholeNumber(long min, long max) {
    String expected = "a whole number from " + min + " to " + max;
    BigInteger n = integral(value);
    if (n == null) {
      throw mismatch(expected);
    }
    if (n.bitLength() >= 64 || n.longValue() < min || n.longValue() > max) {
      throw error(shown() + " is out of range; expected " + expected);
    }
    return n.longValue();
  }

  /** A count of bytes: a whole number or a string such as {@code 512KiB} (see {@link ByteSize}). */
  public long byteSize() {
    return byteSize(0, Long.MAX_VALUE);
  }

  /**
   * A count of bytes from {@code min} to {@code max}: a whole number or a string such as
   * {@code 512KiB} (see {@link ByteSize}), read exactly, so that no size wraps round.
   */
  public long byteSize(long min, long max) {
    String range = "a size from " + ByteSize.format(min) + " to " + ByteSize.format(max) + ": " + ByteSize.FORMS;
    BigInteger bytes = integral(value);
    if (bytes == null && value instanceof String text) {
      bytes = ByteSize.parse(text);
      if (bytes == null) {
        throw error(shown() + " is not a size; expected " + range);
      }
    } else if (bytes == null) {
      throw error("expected " + range + ", got " + shown());
    }
    if (bytes.compareTo(BigInteger.valueOf(min)) < 0) {
      throw error(shown() + (bytes.signum() < 0 ? " is negative" : " is too small") + "; expected " + range);
    }
    if (bytes.compareTo(BigInteger.valueOf(max)) > 0) {
      throw error(shown() + " is too large; expected " + range);
    }
    return bytes.longValueExact();
  }

  /** The complaint about this value: {@code path: problem}, as its {@link Errors} makes it. */
  public RuntimeException error(String problem) {
    return errors.at(path, problem);
  }

  /** A complaint whose message already names its path (from another parser): no path is put in front. */
  public RuntimeException pathlessError(String message) {
    return errors.at("", message);
  }

  /** The complaint that this value is not what was {@code expected}: {@code expected X, got Y}. */
  public RuntimeException mismatch(String expected) {
    return error("expected " + expected + ", got " + shown());
  }

  /** The value as JSON, cut short: strings in quotes so that blanks and empty ones show. */
  public String shown() {
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

  /** {@code v} exactly if a parser gave it as a whole number (not {@code 3.0}), else null. */
  public static BigInteger integral(Object v) {
    return switch (v) {
      case Integer i -> BigInteger.valueOf(i);
      case Long l -> BigInteger.valueOf(l);
      case Short s -> BigInteger.valueOf(s);
      case Byte b -> BigInteger.valueOf(b);
      case BigInteger big -> big;
      case null, default -> null;
    };
  }

  private ConfigValue child(String key, Object childValue) {
    return new ConfigValue(path.isEmpty() ? key : path + "." + key, childValue, errors, top);
  }
}
