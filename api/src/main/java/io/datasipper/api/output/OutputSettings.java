package io.datasipper.api.output;

import io.datasipper.api.config.ByteSize;
import io.datasipper.api.config.ConfigValue;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an output's settings map with the config walker ({@link ConfigValue}), so that an output's
 * complaints read as the rest of the config's do ({@code expected ..., got ...}, with the key path)
 * and arrive as the checked {@link OutputConfigException} the output API declares. Unknown keys
 * and wrong types are rejected with the key named. An output that needs readers of its own extends
 * it and builds them on {@link #node} inside {@link #read}.
 */
public class OutputSettings {
  private final ConfigValue root;

  public OutputSettings(Map<String, Object> values) {
    this.root = ConfigValue.of("", values, Rejected::new, "in this output");
  }

  /** Settings whose keys are all in {@code allowed}: fails on the first that is not, naming what is. */
  public OutputSettings(Map<String, Object> values, Collection<String> allowed) throws OutputConfigException {
    this(values);
    checkKeys(allowed, "in this output");
  }

  /** Fails on the first key that is not allowed, naming what is; {@code where} says for what (e.g. {@code for mode stream}). */
  public void allowOnly(Collection<String> allowed, String where) throws OutputConfigException {
    checkKeys(allowed, where);
  }

  private void checkKeys(Collection<String> allowed, String where) throws OutputConfigException {
    ConfigValue scoped = ConfigValue.of("", root.value(), Rejected::new, where);
    read(() -> scoped.mapping(List.copyOf(allowed)));
  }

  /** A reading of the walker's that may complain. */
  @FunctionalInterface
  protected interface Reading<T> {
    T get();
  }

  /** Runs a reading, turning the walker's complaint into the checked exception outputs throw. */
  protected static <T> T read(Reading<T> reading) throws OutputConfigException {
    try {
      return reading.get();
    } catch (Rejected r) {
      throw OutputConfigException.at(r.path, r.problem);
    }
  }

  /** The value under {@code key}, with its path for complaints; its {@code value()} is null when absent. */
  protected final ConfigValue node(String key) {
    return root.child(key);
  }

  /** The value as given, or null when the key is absent. */
  protected final Object value(String key) {
    return node(key).value();
  }

  /** A non-blank string, or {@code fallback} when absent. */
  public String string(String key, String fallback) throws OutputConfigException {
    ConfigValue v = node(key);
    return v.value() == null ? fallback : read(v::nonBlankString);
  }

  /** A non-blank string that must be given; {@code what} says what it is, for the complaint. */
  public String required(String key, String what) throws OutputConfigException {
    String v = string(key, null);
    if (v == null) {
      throw OutputConfigException.at(key, "missing; expected " + what);
    }
    return v;
  }

  /** One of {@code choices}, case-insensitive, returned in lower case; {@code fallback} null makes it required. */
  public String choice(String key, List<String> choices, String fallback) throws OutputConfigException {
    String expected = "one of " + String.join(", ", choices);
    String v = string(key, fallback);
    if (v == null) {
      throw OutputConfigException.at(key, "missing; expected " + expected);
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (!choices.contains(lower)) {
      return read(() -> {
        throw node(key).mismatch(expected);
      });
    }
    return lower;
  }

  /**
   * A whole number from {@code min} to {@code max}: every count an output takes is bounded, so that
   * no value overflows or is cut down to an int on its way.
   */
  public long whole(String key, long fallback, long min, long max) throws OutputConfigException {
    ConfigValue v = node(key);
    return v.value() == null ? fallback : read(() -> v.wholeNumber(min, max));
  }

  /** A duration written as whole milliseconds, from {@code minMs} to {@code maxMs}. */
  public Duration millis(String key, long fallbackMs, long minMs, long maxMs) throws OutputConfigException {
    return Duration.ofMillis(whole(key, fallbackMs, minMs, maxMs));
  }

  /** A size in bytes from {@code min} to {@code max}: a whole number, or text such as {@code 512KiB}. */
  public long bytes(String key, long fallback, long min, long max) throws OutputConfigException {
    ConfigValue v = node(key);
    return v.value() == null ? fallback : read(() -> v.byteSize(min, max));
  }

  public boolean bool(String key, boolean fallback) throws OutputConfigException {
    ConfigValue v = node(key);
    return v.value() == null ? fallback : read(v::bool);
  }

  /** A map of non-empty names to string values, in the config's order; null when absent. */
  public Map<String, String> stringMap(String key) throws OutputConfigException {
    ConfigValue v = node(key);
    if (v.value() == null) {
      return null;
    }
    return read(() -> {
      if (!(v.value() instanceof Map<?, ?> map) || map.isEmpty()) {
        throw v.mismatch("a non-empty mapping of names to strings");
      }
      Map<String, String> out = new LinkedHashMap<>();
      v.entries().forEach((name, value) -> {
        if (name.isBlank() || !(value.value() instanceof String s)) {
          throw value.mismatch("a string");
        }
        out.put(name, s);
      });
      return out;
    });
  }

  /** The text {@code spec} describes: its default when absent, a complaint when it is required. */
  public String string(SettingSpec spec) throws OutputConfigException {
    return spec.required() ? required(spec.name(), lowerFirst(spec.help()))
        : string(spec.name(), (String) spec.defaultValue());
  }

  /** The choice {@code spec} describes, in lower case: its default when absent, a complaint when it has none. */
  public String choice(SettingSpec spec) throws OutputConfigException {
    return choice(spec.name(), spec.choices(), (String) spec.defaultValue());
  }

  /** The whole number {@code spec} describes, in its range; its default when absent. */
  public long whole(SettingSpec spec) throws OutputConfigException {
    return whole(spec.name(), defaultNumber(spec), spec.min(), spec.max());
  }

  /** The milliseconds {@code spec} describes as a whole number, in its range; its default when absent. */
  public Duration millis(SettingSpec spec) throws OutputConfigException {
    return Duration.ofMillis(whole(spec));
  }

  /** The size {@code spec} describes, in its range; its default when absent. */
  public long bytes(SettingSpec spec) throws OutputConfigException {
    BigInteger fallback = spec.defaultValue() instanceof String text ? ByteSize.parse(text) : null;
    if (fallback == null) {
      throw new IllegalArgumentException(spec.name() + " describes no default size");
    }
    return bytes(spec.name(), fallback.longValueExact(), spec.min(), spec.max());
  }

  /** The true or false {@code spec} describes; its default (false unless it says true) when absent. */
  public boolean bool(SettingSpec spec) throws OutputConfigException {
    return bool(spec.name(), Boolean.TRUE.equals(spec.defaultValue()));
  }

  private static long defaultNumber(SettingSpec spec) {
    if (!(spec.defaultValue() instanceof Number n)) {
      throw new IllegalArgumentException(spec.name() + " describes no default number");
    }
    return n.longValue();
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  /** The walker's complaint, on its way to becoming an {@link OutputConfigException}. */
  private static final class Rejected extends RuntimeException {
    private final String path;
    private final String problem;

    Rejected(String path, String problem) {
      super(path + ": " + problem, null, false, false);
      this.path = path;
      this.problem = problem;
    }
  }
}
