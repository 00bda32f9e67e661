package io.datasipper.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The HAR {@code queryString} of a URL: its query parameters, decoded, in order. */
final class QueryString {
  private QueryString() {}

  static void write(JsonGenerator g, String url) throws IOException {
    g.writeArrayFieldStart("queryString");
    int start = url.indexOf('?');
    if (start >= 0) {
      int fragment = url.indexOf('#', start);
      String query = url.substring(start + 1, fragment < 0 ? url.length() : fragment);
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        g.writeStartObject();
        g.writeStringField("name", decode(eq < 0 ? pair : pair.substring(0, eq)));
        g.writeStringField("value", eq < 0 ? "" : decode(pair.substring(eq + 1)));
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }

  /** Form decoding ({@code +} is a space); a malformed escape leaves the text as it was. */
  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s;
    }
  }
}
