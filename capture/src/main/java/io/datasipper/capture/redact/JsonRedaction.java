package io.datasipper.capture.redact;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Redacts values in JSON text by key name and by path. The text is edited in place, never parsed
 * and written out again, so everything else stays as the browser saw it, byte for byte.
 *
 * <p>Key names are found by a pattern rather than a parser so that they are also found where a
 * parser gives up: a body cut at the size limit, a frame that wraps JSON in a prefix
 * ({@code 42["auth",{"token":"..."}]}), JSON escaped inside a JSON string. Paths need the
 * document's structure and are matched by a streaming parser, only in text that is a JSON document.
 */
final class JsonRedaction {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String QUOTED_REDACTED = "\"" + Redactor.REDACTED + "\"";
  private static final String ESCAPED_REDACTED = "\\\"" + Redactor.REDACTED + "\\\"";

  private final Pattern keyValue;
  private final Pattern escapedKeyValue;
  private final List<JsonPath> paths;
  private final Set<String> keys;
  private final int shortestKey;
  private final int longestKey;
  /** Whether every name is made of the characters {@link #mayHoldKey} looks for. */
  private final boolean scannable;

  JsonRedaction(Set<String> keys, List<JsonPath> paths) {
    this.paths = paths;
    this.keys = keys;
    this.shortestKey = keys.stream().mapToInt(String::length).min().orElse(0);
    this.longestKey = keys.stream().mapToInt(String::length).max().orElse(0);
    this.scannable = keys.stream().allMatch(k -> k.chars().allMatch(c -> isNameChar((char) c)));
    if (keys.isEmpty()) {
      keyValue = null;
      escapedKeyValue = null;
    } else {
      String names = String.join("|", keys.stream().map(Pattern::quote).toList());
      // A string (perhaps cut short at the end of the text), a number, or a boolean.
      keyValue = Pattern.compile("\"(?:" + names + ")\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*+\"?|-?\\d[\\d.eE+-]*+|true|false)",
          Pattern.CASE_INSENSITIVE);
      escapedKeyValue = Pattern.compile("\\\\\"(?:" + names + ")\\\\\"\\s*:\\s*(\\\\\"(?:[^\\\\]|\\\\[^\"])*+(?:\\\\\")?)",
          Pattern.CASE_INSENSITIVE);
    }
  }

  String redact(String text) {
    String out = text;
    boolean holdsKey = keyValue != null && (scannable ? mayHoldKey(out) : out.indexOf('"') >= 0);
    if (holdsKey) {
      out = replaceValues(keyValue, out, QUOTED_REDACTED);
      if (out.contains("\\\"")) {
        out = replaceValues(escapedKeyValue, out, ESCAPED_REDACTED);
      }
    }
    // An object or array under a secret key, and what paths name, need the document's structure.
    if ((holdsKey || !paths.isEmpty()) && looksLikeJson(out)) {
      out = redactStructure(out);
    }
    return out;
  }

  /**
   * Whether a quote in the text opens one of the key names: a cheap scan that spares most text
   * (every WebSocket frame passes here) the key pattern, which tries each name at each quote.
   */
  private boolean mayHoldKey(String text) {
    for (int quote = text.indexOf('"'); quote >= 0; quote = text.indexOf('"', quote + 1)) {
      int start = quote + 1;
      int end = start;
      while (end < text.length() && end - start <= longestKey && isNameChar(text.charAt(end))) {
        end++;
      }
      int length = end - start;
      if (length >= shortestKey && length <= longestKey
          && keys.contains(text.substring(start, end).toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** The characters of the names the scan looks for. */
  private static boolean isNameChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
  }

  private static String replaceValues(Pattern p, String text, String replacement) {
    return Replacing.replace(p, text, replacement);
  }

  private static boolean looksLikeJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '{' || c == '[';
      }
    }
    return false;
  }

  /**
   * Replaces with {@code "[redacted]"} each value a path names and each object or array under a
   * secret key. Text that stops being JSON half-way (a cut body) keeps what was found before the
   * point where it stopped.
   */
  private String redactStructure(String text) {
    List<int[]> spans = new ArrayList<>();
    int open = -1; // the start of a named value being read
    try (JsonParser parser = JSON.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME || token.isStructEnd() || token == JsonToken.VALUE_NULL) {
          continue;
        }
        JsonStreamContext at = token.isStructStart() ? parser.getParsingContext().getParent() : parser.getParsingContext();
        if (!(token.isStructStart() && isUnderSecretKey(at)) && !matchesAnyPath(at)) {
          continue;
        }
        open = (int) parser.currentTokenLocation().getCharOffset();
        if (token.isStructStart()) {
          parser.skipChildren();
        } else {
          parser.getText(); // reads a string to its end, so that the location is after it
        }
        spans.add(new int[] {open, (int) parser.currentLocation().getCharOffset()});
        open = -1;
      }
    } catch (IOException notJsonFromHere) {
      if (open >= 0) {
        spans.add(new int[] {open, text.length()}); // a named value the text ends in the middle of
      }
    }
    if (spans.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int[] span : spans) {
      out.append(text, copied, span[0]).append(QUOTED_REDACTED);
      copied = span[1];
    }
    return out.append(text, copied, text.length()).toString();
  }

  private boolean isUnderSecretKey(JsonStreamContext context) {
    return context.inObject() && context.getCurrentName() != null
        && keys.contains(context.getCurrentName().toLowerCase(Locale.ROOT));
  }

  private boolean matchesAnyPath(JsonStreamContext context) {
    if (paths.isEmpty()) {
      return false;
    }
    List<String> at = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      at.add(0, c.inObject() ? String.valueOf(c.getCurrentName()).toLowerCase(Locale.ROOT)
          : String.valueOf(c.getCurrentIndex()));
    }
    for (JsonPath path : paths) {
      if (path.matches(at)) {
        return true;
      }
    }
    return false;
  }
}
