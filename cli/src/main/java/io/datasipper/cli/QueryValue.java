package io.datasipper.cli;

import java.util.Base64;

/** A query result's value as text, as every output format writes it. */
final class QueryValue {
  private QueryValue() {}

  /**
   * SQL NULL as the empty string, a blob as its base64 (it may be any bytes), anything else as its
   * own text.
   */
  static String text(Object value) {
    return switch (value) {
      case null -> "";
      case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
      default -> value.toString();
    };
  }
}
