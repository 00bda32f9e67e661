package io.datasipper.api.output;

import io.datasipper.api.config.ByteSize;
import io.datasipper.api.config.ConfigValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an output's settings map, rejecting unknown keys and wrong types with the key named. An
 * output that needs readers of its own extends it and builds them on {@link #value}.
 */
public class OutputSettings {
  private final Map<String, Object> values;

  public OutputSettings(Map<String, Object> values) {
    this.values = values;
  }

  /** Settings whose keys are all in {@code allowed}: fails on the first that is not, naming what is. */
  public OutputSettings(Map<String, Object> values, Collection<String> allowed) throws OutputConfigException {
    this.values = values;
    checkKeys(allowed, "");
  }

  /** Fails on the first key that is not allowed, naming what is; {@code context} says for what. */
  public void allowOnly(Collection<String> allowed, String context) throws OutputConfigException {
    checkKeys(allowed, context);
  }

  private void checkKeys(Collection<String> allowed, String context) throws OutputConfigException {
    for (String key : values.keySet()) {
      if (!allowed.contains(key)) {
        throw new OutputConfigException(key, "unknown key " + key + context + "; allowed: " + String.join(", ", allowed));
      }
    }
  }

  /** The value as given, or null when the key is absent. */
  protected final Object value(String key) {
    return values.get(key);
  }

  public String string(String key, String fallback) throws OutputConfigException {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw new OutputConfigException(key, key + " must be a non-empty string, was " + v);
    }
    return s;
  }

  public String required(String key, String what) throws OutputConfigException {
    String v = string(key, null);
    if (v == null) {
      throw new OutputConfigException(key, key + " is required: " + what);
    }
    return v;
  }

  /** One of {@code choices}, case-insensitive, returned in lower case. */
  public String choice(String key, List<String> choices, String fallback) throws OutputConfigException {
    String v = string(key, fallback);
    if (v == null) {
      throw new OutputConfigException(key, key + " is required; one of: " + String.join(", ", choices));
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (!choices.contains(lower)) {
      throw new OutputConfigException(key, "unknown " + key + " " + v + "; one of: " + String.join(", ", choices));
    }
    return lower;
  }

  /**
   * A whole number from {@code min} to {@code max}: every count an output takes is bounded, so that
   * no value overflows or is cut down to an int on its way.
   */
  public long whole(String key, long fallback, long min, long max) throws OutputConfigException {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    Long n = exactLong(v);
    if (n == null || n < min || n > max) {
      throw new OutputConfigException(key, key + " must be a whole number from " + min + " to " + max + ", was " + v);
    }
    return n;
  }

  /** A duration written as whole milliseconds, from {@code minMs} to {@code maxMs}. */
  public Duration millis(String key, long fallbackMs, long minMs, long maxMs) throws OutputConfigException {
    return Duration.ofMillis(whole(key, fallbackMs, minMs, maxMs));
  }

  /** A size in bytes from {@code min} to {@code max}: a whole number, or text such as {@code 512KiB} ({@link ByteSize}). */
  public long bytes(String key, long fallback, long min, long max) throws OutputConfigException {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    BigInteger n = v instanceof String text ? ByteSize.parse(text) : exact(v);
    if (n == null || n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new OutputConfigException(key, key + " must be a size from " + ByteSize.format(min) + " to "
          + ByteSize.format(max) + " (" + ByteSize.FORMS + "), was " + v);
    }
    return n.longValueExact();
  }

  private static Long exactLong(Object v) {
    BigInteger n = exact(v);
    return n == null || n.bitLength() >= 64 ? null : n.longValue();
  }

  /** The whole number {@code v} is, exactly (a whole decimal such as {@code 3.0} too), or null if it is not one. */
  private static BigInteger exact(Object v) {
    BigInteger n = ConfigValue.integral(v);
    if (n != null || !(v instanceof Number)) {
      return n;
    }
    try {
      return new BigDecimal(v.toString()).toBigIntegerExact();
    } catch (ArithmeticException | NumberFormatException notWhole) {
      return null;
    }
  }

  public boolean bool(String key, boolean fallback) throws OutputConfigException {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw new OutputConfigException(key, key + " must be true or false, was " + v);
    }
    return b;
  }

  /** A map of non-empty names to string values, in the config's order; null when absent. */
  public Map<String, String> stringMap(String key) throws OutputConfigException {
    Object v = values.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map<?, ?> m) || m.isEmpty()) {
      throw new OutputConfigException(key, key + " must be a non-empty map of names to strings, was " + v);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (name.isBlank() || !(e.getValue() instanceof String s)) {
        throw new OutputConfigException(key + "." + name, key + "." + name + " must be a string, was " + e.getValue());
      }
      out.put(name, s);
    }
    return out;
  }
}
