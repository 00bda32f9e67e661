package io.datasipper.api.output;

import java.util.List;
import java.util.Objects;

/**
 * One key an output type takes, described for people and for forms: the dashboard builds its
 * output form from these. A factory allows the keys it describes and reads each through its
 * description ({@link OutputSettings#whole(SettingSpec)} and the like), so the defaults, ranges and
 * choices a form shows are the ones {@link OutputFactory#create} applies.
 *
 * @param name the key, as written in the config
 * @param kind what kind of value it takes
 * @param required whether the output cannot be made without it
 * @param defaultValue what applies when the key is absent (as the config would write it), or null
 *     when absence means "none"
 * @param choices the allowed values of a {@link Kind#CHOICE}, else empty
 * @param min the least value of an {@link Kind#INTEGER} or {@link Kind#BYTES}, else null
 * @param max the greatest value of an {@link Kind#INTEGER} or {@link Kind#BYTES}, else null
 * @param help one sentence: what the key does, with an example where a form helps
 */
public record SettingSpec(String name, Kind kind, boolean required, Object defaultValue, List<String> choices,
    Long min, Long max, String help) {

  /** The kinds of values a setting takes; each maps to one kind of form field. */
  public enum Kind {
    /** Text. */
    STRING,
    /** Text not to be shown back (passwords, signing keys). */
    SECRET,
    /** A whole number. */
    INTEGER,
    /** A size in bytes: a whole number, or text such as {@code 512KiB}. */
    BYTES,
    /** true or false. */
    BOOLEAN,
    /** One of {@link SettingSpec#choices}. */
    CHOICE,
    /** A list of strings (or one comma-separated string). */
    LIST,
    /** A map of names to strings. */
    MAP;

    /** The kind as the API and the config's messages name it. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public SettingSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(help, "help");
    choices = List.copyOf(choices);
    if ((kind == Kind.CHOICE) == choices.isEmpty()) {
      throw new IllegalArgumentException(name + ": choices go with the choice kind, and only with it");
    }
    boolean ranged = kind == Kind.INTEGER || kind == Kind.BYTES;
    if (ranged != (min != null && max != null) || ranged && min > max) {
      throw new IllegalArgumentException(name + ": a whole number or size has a range (min <= max), nothing else has");
    }
  }

  /** A key of text, true/false, a list or a map that the output cannot do without. */
  public static SettingSpec required(String name, Kind kind, String help) {
    return new SettingSpec(name, kind, true, null, List.of(), null, null, help);
  }

  /** A key of text, true/false, a list or a map that may be left out; {@code defaultValue} (or null) applies then. */
  public static SettingSpec optional(String name, Kind kind, Object defaultValue, String help) {
    return new SettingSpec(name, kind, false, defaultValue, List.of(), null, null, help);
  }

  /** A key that takes one of {@code choices}, {@code defaultValue} when left out (none: required). */
  public static SettingSpec choice(String name, List<String> choices, String defaultValue, String help) {
    return new SettingSpec(name, Kind.CHOICE, defaultValue == null, defaultValue, choices, null, null, help);
  }

  /** A whole number from {@code min} to {@code max}, {@code defaultValue} when left out (null: none). */
  public static SettingSpec whole(String name, Long defaultValue, long min, long max, String help) {
    return new SettingSpec(name, Kind.INTEGER, false, defaultValue, List.of(), min, max, help);
  }

  /** A size in bytes from {@code min} to {@code max}, {@code defaultValue} (e.g. {@code 100MiB}) when left out. */
  public static SettingSpec bytes(String name, String defaultValue, long min, long max, String help) {
    return new SettingSpec(name, Kind.BYTES, false, defaultValue, List.of(), min, max, help);
  }

  /** The keys these settings describe, in order. */
  public static List<String> names(List<SettingSpec> settings) {
    return settings.stream().map(SettingSpec::name).toList();
  }
}
