package io.datasipper.output;

import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputSettings;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The built-in outputs' settings: the common readers, and sizes in bytes. */
final class Settings extends OutputSettings {
  private static final Pattern SIZE = Pattern.compile("\\s*(\\d+)\\s*(B|KiB|MiB|GiB)?\\s*");

  Settings(Map<String, Object> values, List<String> allowed) throws OutputConfigException {
    super(values, allowed);
  }

  /** A size in bytes: a whole number, or text such as {@code 512KiB}, {@code 100MiB}, {@code 2GiB}. */
  long bytes(String key, long fallback) throws OutputConfigException {
    if (!(value(key) instanceof String text)) {
      return positive(key, fallback);
    }
    Matcher m = SIZE.matcher(text);
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
}
