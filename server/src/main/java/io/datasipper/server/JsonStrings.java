package io.datasipper.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;

/** JSON text of strings, for the answers the server writes by hand rather than through a generator. */
public final class JsonStrings {
  private JsonStrings() {}

  /** A string as a JSON string, quotes included; null stays null. */
  public static String quoted(String text) {
    return text == null ? null : '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
  }

  /** Appends the strings as a JSON array, {@code ["a","b"]}. */
  public static StringBuilder appendArray(List<String> strings, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < strings.size(); i++) {
      out.append(i == 0 ? "\"" : ",\"").append(JsonStringEncoder.getInstance().quoteAsString(strings.get(i)))
          .append('"');
    }
    return out.append(']');
  }
}
