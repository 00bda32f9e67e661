package io.datasipper.api.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds the text of one top-level field in a JSON object (or of a field of an object that is one),
 * given as UTF-8, without parsing the rest:
 * a scan that only tracks strings and nesting. It stops at the field, and a stored event keeps the
 * fields that key it (connection and request ids) near its start, so it reads a small part of the
 * text. Working on the bytes is exact: every byte of a multi-byte UTF-8 character is 0x80 or
 * above, so none is taken for a quote, bracket or comma. Whatever it is not sure of (escapes,
 * malformed text) it leaves to Jackson.
 */
final class TopLevelField {
  /** Says the scan cannot answer and Jackson must. */
  static final String UNSURE = new String("unsure");

  private final byte[] json;
  private int at;

  private TopLevelField(byte[] json) {
    this.json = json;
  }

  /**
   * The text of the field at {@code path} (a top-level field, then fields of the objects within);
   * null if the object has no such field or its value is not a string; or {@link #UNSURE}.
   */
  static String find(byte[] json, String... path) {
    return new TopLevelField(json).find(path, 0);
  }

  /**
   * The text of {@code field} in the object held by the top-level field {@code object}, found from
   * the end: the way to it when that object is the document's last member, as {@code source} is in
   * the events DataSipper writes, so that a large body before it is not scanned. {@link #UNSURE}
   * when the object is not last (or the text is not compact), for {@link #find} to answer.
   *
   * <p>The bytes {@code "object":{} are a key wherever they occur, since a quote inside a string is
   * escaped; that the object's closing brace is followed by the document's own makes it a top-level
   * member.
   */
  static String findInLast(byte[] json, String object, String field) {
    int end = json.length - 1;
    while (end >= 0 && isSpace(json[end])) {
      end--;
    }
    byte[] key = ("\"" + object + "\":{").getBytes(StandardCharsets.UTF_8);
    int keyAt = end < 1 || json[end] != '}' ? -1 : lastIndexOf(json, key, end);
    if (keyAt < 0) {
      return UNSURE;
    }
    TopLevelField scan = new TopLevelField(json);
    int start = keyAt + key.length - 1;
    scan.at = start;
    if (!scan.skipValue()) {
      return UNSURE;
    }
    int after = scan.at;
    scan.skipSpace();
    if (scan.at != end) {
      return UNSURE;
    }
    return new TopLevelField(Arrays.copyOfRange(json, start, after)).find(new String[] {field}, 0);
  }

  private static int lastIndexOf(byte[] json, byte[] key, int before) {
    int last = key.length - 1;
    for (int i = before - key.length; i >= 0; i--) {
      // Its brace first: rare in text, so most positions are passed over with one comparison.
      if (json[i + last] == key[last] && Arrays.equals(json, i, i + key.length, key, 0, key.length)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private String find(String[] path, int level) {
    String field = path[level];
    skipSpace();
    if (!take('{')) {
      return UNSURE;
    }
    skipSpace();
    if (take('}')) {
      return null;
    }
    while (true) {
      int keyStart = at + 1;
      if (!plainString()) {
        return UNSURE;
      }
      boolean wanted = equalsField(keyStart, at - 1, field);
      skipSpace();
      if (!take(':')) {
        return UNSURE;
      }
      skipSpace();
      if (wanted && level < path.length - 1) {
        return at < json.length && json[at] == '{' ? find(path, level + 1) : null;
      }
      if (wanted) {
        if (at < json.length && json[at] == '"') {
          int valueStart = at + 1;
          return plainString() ? new String(json, valueStart, at - 1 - valueStart, StandardCharsets.UTF_8) : UNSURE;
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

  /** Moves past a string without escapes at {@code at}; false if there is none (or it has escapes). */
  private boolean plainString() {
    if (!take('"')) {
      return false;
    }
    while (at < json.length) {
      byte c = json[at++];
      if (c == '\\') {
        return false;
      }
      if (c == '"') {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the key's bytes are the field's UTF-8, compared without encoding the field: an ASCII
   * prefix is its own UTF-8, and only a field with other characters is encoded.
   */
  private boolean equalsField(int start, int end, String field) {
    int length = end - start;
    if (length < field.length()) {
      return false; // UTF-8 has at least one byte per character
    }
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c >= 0x80) {
        byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
        return Arrays.equals(json, start, end, utf8, 0, utf8.length);
      }
      if (json[start + i] != c) {
        return false;
      }
    }
    return length == field.length();
  }

  /** Skips one value of any kind; false if the text ends first. */
  private boolean skipValue() {
    int depth = 0;
    while (at < json.length) {
      byte c = json[at];
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
    while (at < json.length) {
      byte c = json[at++];
      if (c == '\\') {
        at++;
      } else if (c == '"') {
        return true;
      }
    }
    return false;
  }

  /** JSON's whitespace: space, tab, line feed and carriage return. */
  private void skipSpace() {
    while (at < json.length && isSpace(json[at])) {
      at++;
    }
  }

  private boolean take(char c) {
    if (at < json.length && json[at] == c) {
      at++;
      return true;
    }
    return false;
  }
}
