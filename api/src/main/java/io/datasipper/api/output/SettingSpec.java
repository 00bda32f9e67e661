package io.datasipper.api.output;

import java.util.List;
import java.util.Objects;

/**
 * One key an output type takes, described for people and for forms: the dashboard builds its
 * output form from these, and a factory's allowed keys are the names of its descriptions, so the
 * two cannot disagree.
 *
 * @param name the key, as written in the config
 * @param kind what kind of value it takes
 * @param required whether the output cannot be made without it
 * @param defaultValue what applies when the key is absent (as the config would write it), or null
 *     when absence means "none"
 * @param choices the allowed values of a {@link Kind#CHOICE}, else empty
 * @param help one sentence: what the key does, with an example where a form helps
 */
public record SettingSpec(String name, Kind kind, boolean required, Object defaultValue, List<String> choices,
    String help) {

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
  }

  /** A key the output cannot do without. */
  public static SettingSpec required(String name, Kind kind, String help) {
    return new SettingSpec(name, kind, true, null, List.of(), help);
  }

  /** A key that may be left out; {@code defaultValue} (or null) applies then. */
  public static SettingSpec optional(String name, Kind kind, Object defaultValue, String help) {
    return new SettingSpec(name, kind, false, defaultValue, List.of(), help);
  }

  /** A key that takes one of {@code choices}, {@code defaultValue} when left out. */
  public static SettingSpec choice(String name, List<String> choices, String defaultValue, String help) {
    return new SettingSpec(name, Kind.CHOICE, defaultValue == null, defaultValue, choices, help);
  }

  /** The keys these settings describe, in order. */
  public static List<String> names(List<SettingSpec> settings) {
    return settings.stream().map(SettingSpec::name).toList();
  }
}
