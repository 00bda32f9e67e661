package io.datasipper.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.datasipper.api.event.EventHeader;
import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * HAR {@code cookies} from {@code Cookie} request headers and {@code Set-Cookie} response headers.
 * Pairs without {@code =} are skipped, so a redacted header ({@code [redacted]}) yields no cookies.
 */
final class Cookies {
  private Cookies() {}

  static void writeRequestCookies(JsonGenerator g, List<EventHeader> headers) throws IOException {
    g.writeArrayFieldStart("cookies");
    for (EventHeader h : headersNamed(headers, "cookie")) {
      for (String pair : h.value().split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          g.writeStartObject();
          g.writeStringField("name", pair.substring(0, eq).trim());
          g.writeStringField("value", pair.substring(eq + 1).trim());
          g.writeEndObject();
        }
      }
    }
    g.writeEndArray();
  }

  /** Also splits a value on newlines: the browser joins repeated Set-Cookie headers that way. */
  static void writeResponseCookies(JsonGenerator g, List<EventHeader> headers) throws IOException {
    g.writeArrayFieldStart("cookies");
    for (EventHeader h : headersNamed(headers, "set-cookie")) {
      for (String line : h.value().split("\n")) {
        writeSetCookie(g, line);
      }
    }
    g.writeEndArray();
  }

  private static void writeSetCookie(JsonGenerator g, String line) throws IOException {
    String[] parts = line.split(";");
    int eq = parts[0].indexOf('=');
    if (eq <= 0) {
      return;
    }
    g.writeStartObject();
    g.writeStringField("name", parts[0].substring(0, eq).trim());
    g.writeStringField("value", parts[0].substring(eq + 1).trim());
    boolean httpOnly = false;
    boolean secure = false;
    for (int i = 1; i < parts.length; i++) {
      String attribute = parts[i].trim();
      int aeq = attribute.indexOf('=');
      String name = (aeq < 0 ? attribute : attribute.substring(0, aeq)).trim().toLowerCase(Locale.ROOT);
      String value = aeq < 0 ? "" : attribute.substring(aeq + 1).trim();
      switch (name) {
        case "path" -> g.writeStringField("path", value);
        case "domain" -> g.writeStringField("domain", value);
        case "expires" -> writeExpires(g, value);
        case "httponly" -> httpOnly = true;
        case "secure" -> secure = true;
        default -> { } // SameSite, Max-Age, ...: HAR 1.2 has no field for them
      }
    }
    g.writeBooleanField("httpOnly", httpOnly);
    g.writeBooleanField("secure", secure);
    g.writeEndObject();
  }

  /** HAR wants ISO 8601; an unreadable date is left out rather than passed on malformed. */
  private static void writeExpires(JsonGenerator g, String httpDate) throws IOException {
    Instant expires = parseHttpDate(httpDate);
    if (expires == null) {
      expires = parseHttpDate(httpDate.replace('-', ' ')); // the old "21-Oct-2026" form
    }
    if (expires != null) {
      g.writeStringField("expires", expires.toString());
    }
  }

  private static Instant parseHttpDate(String s) {
    try {
      return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static List<EventHeader> headersNamed(List<EventHeader> headers, String name) {
    return headers == null
        ? List.of()
        : headers.stream().filter(h -> h.name().equalsIgnoreCase(name) && h.value() != null).toList();
  }
}
