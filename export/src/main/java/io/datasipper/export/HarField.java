package io.datasipper.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** One value of a HAR document with its JSON path, read with errors that name the path. */
record HarField(JsonNode node, String path) {
  /** The most seconds since the epoch a message time is read as (the year 5138); above, milliseconds. */
  static final double LARGEST_SECONDS = 1e11;

  HarField get(String name) {
    return new HarField(node.path(name), path + "." + name);
  }

  HarField at(int index) {
    return new HarField(node.path(index), path + "[" + index + "]");
  }

  boolean present() {
    return !node.isMissingNode() && !node.isNull();
  }

  HarField requireObject() {
    if (!node.isObject()) {
      throw problem(present() ? "expected an object" : "missing");
    }
    return this;
  }

  /** The array's elements; an absent one counts as empty. */
  int arraySize() {
    if (!present()) {
      return 0;
    }
    if (!node.isArray()) {
      throw problem("expected an array");
    }
    return node.size();
  }

  String text() {
    if (!node.isTextual()) {
      throw problem(present() ? "expected a string" : "missing");
    }
    return node.textValue();
  }

  /** The text, or null when absent. */
  String optionalText() {
    return present() ? text() : null;
  }

  double number() {
    if (!node.isNumber()) {
      throw problem(present() ? "expected a number" : "missing");
    }
    return node.doubleValue();
  }

  int integer() {
    double n = number();
    if (n != Math.rint(n) || Math.abs(n) > Integer.MAX_VALUE) {
      throw problem("expected a whole number, not " + node.asText());
    }
    return (int) n;
  }

  /** The number, or {@code otherwise} when absent. */
  double optionalNumber(double otherwise) {
    return present() ? number() : otherwise;
  }

  /** The boolean, or {@code otherwise} when absent. */
  boolean optionalBoolean(boolean otherwise) {
    if (!present()) {
      return otherwise;
    }
    if (!node.isBoolean()) {
      throw problem("expected true or false");
    }
    return node.booleanValue();
  }

  /** An ISO 8601 date and time with a zone offset, as HAR requires. */
  Instant instant() {
    String text = text();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw problem("expected an ISO 8601 date and time with a zone, not \"" + text + "\"");
    }
  }

  /**
   * A message's time since the epoch: seconds with a fraction, as Chrome writes it, or milliseconds,
   * as Playwright does. A number above {@link #LARGEST_SECONDS} can only be milliseconds (as seconds
   * it would be after the year 5000). Rounded to the microsecond: a double of today's seconds holds no
   * finer digits, and what lies below them is noise ({@code 1772359201.6} is {@code ...201.599999904...}).
   */
  Instant epochSeconds() {
    double n = number();
    long micros = Math.round(n > LARGEST_SECONDS ? n * 1e3 : n * 1e6);
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  HarFormatException problem(String what) {
    return new HarFormatException(path, what);
  }
}
