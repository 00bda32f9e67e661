package io.datasipper.route;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * The values fields have: {@link String}, {@link Long}, {@link Double}, {@link Boolean}, or a
 * {@link JsonNode} object or array taken from a JSON body; null when the event has no such field.
 * Text operators see a value's text, numeric ones its number.
 */
final class Values {
  private Values() {}

  static String text(Object value) {
    return switch (value) {
      case String s -> s;
      case BigDecimal d -> d.toPlainString();
      default -> value.toString();
    };
  }

  /** A node of a JSON document as a field value; JSON null counts as missing, as a left-out key does in event JSON. */
  static Object ofJson(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> node.textValue();
      case NUMBER -> node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
      case BOOLEAN -> node.booleanValue();
      case OBJECT, ARRAY -> node;
      default -> null;
    };
  }

  /** The value as a number, or NaN when it is none (NaN fails every numeric comparison). */
  static double number(Object value) {
    return switch (value) {
      case Long l -> l;
      case Double d -> d;
      case Number n -> n.doubleValue();
      case String s -> parse(s);
      default -> Double.NaN;
    };
  }

  /**
   * A decimal number written as text (a header, a query parameter, a JSON string), or NaN. Checks
   * the characters first: most texts are not numbers, and an exception per test would be slow.
   * Also keeps out what {@link Double#parseDouble} takes but nobody means: NaN, Infinity, 0x1p3, 1d.
   */
  static double parse(String s) {
    int n = s.length();
    if (n == 0 || n > 40) {
      return Double.NaN;
    }
    if (n <= 15) {
      long whole = 0;
      int i = s.charAt(0) == '-' ? 1 : 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        whole = whole * 10 + (s.charAt(i++) - '0');
      }
      if (i == n && n > (s.charAt(0) == '-' ? 1 : 0)) {
        return s.charAt(0) == '-' ? -whole : whole; // the common case, without Double.parseDouble
      }
    }
    boolean digit = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
        return Double.NaN;
      }
    }
    if (!digit) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
