package io.datasipper.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the compact JSON the runner script writes into a Jackson tree. For results of a few keys,
 * Jackson's set-up per call (parser, context, buffers) costs more than the parsing itself; this is
 * about three times faster there. Not a general parser: it trusts its input to be JSON as
 * JSON.stringify writes it (no whitespace), and fails loudly otherwise.
 */
final class JsonText {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final String s;
  private int i;

  private JsonText(String s) {
    this.s = s;
  }

  static JsonNode parse(String json) {
    JsonText p = new JsonText(json);
    JsonNode n = p.value();
    if (p.i != json.length()) {
      throw p.error();
    }
    return n;
  }

  private JsonNode value() {
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return NODES.textNode(string());
      case 't':
        return literal("true", NODES.booleanNode(true));
      case 'f':
        return literal("false", NODES.booleanNode(false));
      case 'n':
        return literal("null", NODES.nullNode());
      default:
        return number();
    }
  }

  private ObjectNode object() {
    ObjectNode o = NODES.objectNode();
    i++;
    if (s.charAt(i) == '}') {
      i++;
      return o;
    }
    while (true) {
      String key = string();
      expect(':');
      o.set(key, value());
      if (s.charAt(i++) == '}') {
        return o;
      }
      if (s.charAt(i - 1) != ',') {
        throw error();
      }
    }
  }

  private ArrayNode array() {
    ArrayNode a = NODES.arrayNode();
    i++;
    if (s.charAt(i) == ']') {
      i++;
      return a;
    }
    while (true) {
      a.add(value());
      if (s.charAt(i++) == ']') {
        return a;
      }
      if (s.charAt(i - 1) != ',') {
        throw error();
      }
    }
  }

  private String string() {
    expect('"');
    int start = i;
    int end = s.indexOf('"', i);
    int escape = s.indexOf('\\', i);
    if (end < 0) {
      throw error();
    }
    if (escape < 0 || escape > end) {
      i = end + 1;
      return s.substring(start, end);
    }
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = s.charAt(i++);
      if (c == '"') {
        return b.toString();
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          b.append((char) Integer.parseInt(s, i, i + 4, 16));
          i += 4;
        }
        default -> b.append(e); // \" \\ \/
      }
    }
  }

  private JsonNode number() {
    int start = i;
    boolean integral = true;
    while (i < s.length() && "0123456789-+.eE".indexOf(s.charAt(i)) >= 0) {
      char c = s.charAt(i++);
      integral &= c != '.' && c != 'e' && c != 'E';
    }
    if (start == i) {
      throw error();
    }
    String text = s.substring(start, i);
    if (integral && i - start < 19) {
      long v = Long.parseLong(text);
      return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
    }
    return NODES.numberNode(Double.parseDouble(text)); // JS numbers are doubles anyway
  }

  private JsonNode literal(String word, JsonNode node) {
    if (!s.startsWith(word, i)) {
      throw error();
    }
    i += word.length();
    return node;
  }

  private void expect(char c) {
    if (s.charAt(i++) != c) {
      throw error();
    }
  }

  private IllegalArgumentException error() {
    return new IllegalArgumentException("unexpected JSON from the runner script at " + i + ": "
        + s.substring(Math.max(0, i - 20), Math.min(s.length(), i + 20)));
  }
}
