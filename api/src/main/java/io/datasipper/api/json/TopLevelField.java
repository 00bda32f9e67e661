package io.datasipper.api.json;

/**
 * Finds the text of one top-level field in a JSON object without parsing the rest: a scan that
 * only tracks strings and nesting. It stops at the field, and a stored event keeps the fields that
 * key it (connection and request ids) near its start, so it reads a small part of the text.
 * Whatever it is not sure of (escapes, malformed text) it leaves to Jackson.
 */
final class TopLevelField {
  /** Says the scan cannot answer and Jackson must. */
  static final String UNSURE = new String("unsure");

  private final String json;
  private int at;

  private TopLevelField(String json) {
    this.json = json;
  }

  /** The field's text; null if the object has no such field or its value is not a string; or {@link #UNSURE}. */
  static String find(String json, String field) {
    return new TopLevelField(json).find(field);
  }

  private String find(String field) {
    skipSpace();
    if (!take('{')) {
      return UNSURE;
    }
    skipSpace();
    if (take('}')) {
      return null;
    }
    while (true) {
      String key = string();
      if (key == null) {
        return UNSURE;
      }
      skipSpace();
      if (!take(':')) {
        return UNSURE;
      }
      skipSpace();
      if (key.equals(field)) {
        if (at < json.length() && json.charAt(at) == '"') {
          String value = string();
          return value == null ? UNSURE : value;
        }
        return null; // present, but not text
      }
      if (!skipValue()) {
        return UNSURE;
      }
      skipSpace();
      if (take('}')) {
        return null;
      }
      if (!take(',')) {
        return UNSURE;
      }
      skipSpace();
    }
  }

  /** A string without escapes at {@code at}, or null (not a string, or it has escapes). */
  private String string() {
    if (!take('"')) {
      return null;
    }
    int start = at;
    while (at < json.length()) {
      char c = json.charAt(at);
      if (c == '\\') {
        return null;
      }
      if (c == '"') {
        return json.substring(start, at++);
      }
      at++;
    }
    return null;
  }

  /** Skips one value of any kind; false if the text ends first. */
  private boolean skipValue() {
    int depth = 0;
    while (at < json.length()) {
      char c = json.charAt(at);
      if (c == '"') {
        if (!skipString()) {
          return false;
        }
        if (depth == 0) {
          return true;
        }
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return true; // the end of the enclosing object: a scalar just ended
        }
        depth--;
        if (depth == 0) {
          at++;
          return true;
        }
      } else if (c == ',' && depth == 0) {
        return true;
      }
      at++;
    }
    return false;
  }

  /** Skips a string, escapes included. */
  private boolean skipString() {
    at++; // the opening quote
    while (at < json.length()) {
      char c = json.charAt(at++);
      if (c == '\\') {
        at++;
      } else if (c == '"') {
        return true;
      }
    }
    return false;
  }

  private void skipSpace() {
    while (at < json.length() && Character.isWhitespace(json.charAt(at))) {
      at++;
    }
  }

  private boolean take(char c) {
    if (at < json.length() && json.charAt(at) == c) {
      at++;
      return true;
    }
    return false;
  }
}
