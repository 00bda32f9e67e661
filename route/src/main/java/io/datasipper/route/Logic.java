package io.datasipper.route;

import java.util.Locale;

/** How a group joins its conditions. */
public enum Logic {
  AND,
  OR;

  /** The logic written as {@code text} in any case, or null when there is none such. */
  static Logic byName(String text) {
    return switch (text.toUpperCase(Locale.ROOT)) {
      case "AND" -> AND;
      case "OR" -> OR;
      default -> null;
    };
  }
}
