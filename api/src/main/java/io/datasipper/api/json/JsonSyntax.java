package io.datasipper.api.json;

/**
 * Says that UTF-8 text is one well-formed JSON object (RFC 8259), in one pass over the bytes that
 * decodes nothing: several times faster than running a parser over every token, for a reader that
 * checks each stored event before passing its text on. It only ever answers "surely valid" or
 * "not sure"; whatever it is not sure of (malformed text, nesting or numbers past the reader's
 * limits, text that is not UTF-8) is left to Jackson, which says what is wrong.
 */
final class JsonSyntax {
  /** Well within Jackson's default nesting limit (1,000), which the event reader keeps: deeper is left to Jackson. */
  private static final int MAX_DEPTH = 500;
  /** Well within Jackson's default limit on the characters of a number (1,000). */
  private static final int MAX_NUMBER_CHARS = 500;

  private final byte[] json;
  private int at;

  private JsonSyntax(byte[] json) {
    this.json = json;
  }

  /** True only if {@code json} is one JSON object, optionally surrounded by whitespace. */
  static boolean isObject(byte[] json) {
    JsonSyntax s = new JsonSyntax(json);
    s.skipSpace();
    if (!s.at('{') || !s.object(1)) {
      return false;
    }
    s.skipSpace();
    return s.at == json.length;
  }

  private boolean value(int depth) {
    if (at >= json.length) {
      return false;
    }
    return switch (json[at]) {
      case '{' -> object(depth + 1);
      case '[' -> array(depth + 1);
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    };
  }

  /** At '{'. */
  private boolean object(int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    at++;
    skipSpace();
    if (take('}')) {
      return true;
    }
    while (true) {
      if (!at('"') || !string()) {
        return false;
      }
      skipSpace();
      if (!take(':')) {
        return false;
      }
      skipSpace();
      if (!value(depth)) {
        return false;
      }
      skipSpace();
      if (take('}')) {
        return true;
      }
      if (!take(',')) {
        return false;
      }
      skipSpace();
    }
  }

  /** At '['. */
  private boolean array(int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    at++;
    skipSpace();
    if (take(']')) {
      return true;
    }
    while (true) {
      if (!value(depth)) {
        return false;
      }
      skipSpace();
      if (take(']')) {
        return true;
      }
      if (!take(',')) {
        return false;
      }
      skipSpace();
    }
  }

  /** At '"'. The position is kept in a local in the loop: most of an event's bytes are in strings. */
  private boolean string() {
    byte[] b = json;
    int n = b.length;
    int i = at + 1;
    while (i < n) {
      int c = b[i++]; // signed: bytes of multi-byte characters are negative
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      if (c == '"') {
        at = i;
        return true;
      }
      if (c == '\\') {
        if (i >= n) {
          return false;
        }
        int e = b[i++];
        if (e == 'u') {
          if (i + 4 > n) {
            return false;
          }
          for (int k = 0; k < 4; k++) {
            if (Character.digit(b[i++], 16) < 0) {
              return false;
            }
          }
        } else if ("\"\\/bfnrt".indexOf(e) < 0) {
          return false;
        }
      } else if (c >= 0) {
        return false; // a control character: it must be escaped
      } else if ((i = utf8Tail(b, i, c & 0xff)) < 0) {
        return false;
      }
    }
    return false;
  }

  /**
   * Where the multi-byte UTF-8 character whose first byte was {@code lead} ends, its next bytes
   * starting at {@code i}; -1 if it is not well-formed (RFC 3629: no overlong forms, no
   * surrogates, nothing past U+10FFFF).
   */
  private static int utf8Tail(byte[] b, int i, int lead) {
    int more;
    int low = 0x80;
    int high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      more = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      more = 2;
      low = lead == 0xE0 ? 0xA0 : 0x80;
      high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      more = 3;
      low = lead == 0xF0 ? 0x90 : 0x80;
      high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
      return -1;
    }
    for (int k = 0; k < more; k++) {
      if (i >= b.length) {
        return -1;
      }
      int c = b[i++] & 0xff;
      if (c < low || c > high) {
        return -1;
      }
      low = 0x80; // only the second byte has a narrower range
      high = 0xBF;
    }
    return i;
  }

  private boolean number() {
    int start = at;
    take('-');
    if (!take('0') && !digits()) {
      return false;
    }
    if (take('.') && !digits()) {
      return false;
    }
    if (take('e') || take('E')) {
      if (!take('+')) {
        take('-');
      }
      if (!digits()) {
        return false;
      }
    }
    return at - start <= MAX_NUMBER_CHARS;
  }

  /** One or more digits. */
  private boolean digits() {
    int start = at;
    while (at < json.length && json[at] >= '0' && json[at] <= '9') {
      at++;
    }
    return at > start;
  }

  private boolean literal(String word) {
    if (at + word.length() > json.length) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (json[at + i] != word.charAt(i)) {
        return false;
      }
    }
    at += word.length();
    return true;
  }

  private boolean at(char c) {
    return at < json.length && json[at] == c;
  }

  /** Steps over {@code c} if it is next. */
  private boolean take(char c) {
    if (at(c)) {
      at++;
      return true;
    }
    return false;
  }

  private void skipSpace() {
    while (at < json.length) {
      byte c = json[at];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      at++;
    }
  }
}
