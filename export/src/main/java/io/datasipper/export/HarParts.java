package io.datasipper.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent.Timing;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The pieces every HAR entry is made of, shared by HTTP, WebSocket and SSE entries. */
final class HarParts {
  /** For entries whose phases were not measured: HAR still requires send, wait and receive. */
  static final Timing UNMEASURED = new Timing(-1, -1, -1, -1, 0, 0, 0, 0);

  /** Chrome's placeholder when the mime type is unknown. */
  static final String UNKNOWN_MIME_TYPE = "x-unknown";

  private HarParts() {}

  /** Opens the entry object and writes its start, total time and page. */
  static void startEntry(JsonGenerator g, Instant startedAt, Timing timing, String pageref)
      throws IOException {
    g.writeStartObject();
    if (pageref != null) {
      g.writeStringField("pageref", pageref);
    }
    g.writeStringField("startedDateTime", startedAt.toString());
    g.writeNumberField("time", time(timing));
  }

  static void request(JsonGenerator g, String method, String url, String httpVersion,
      List<EventHeader> headers, Body body) throws IOException {
    g.writeObjectFieldStart("request");
    g.writeStringField("method", method);
    g.writeStringField("url", url);
    g.writeStringField("httpVersion", httpVersion);
    Cookies.writeRequestCookies(g, headers);
    writeHeaders(g, headers);
    QueryString.write(g, url);
    if (body != null) {
      g.writeObjectFieldStart("postData");
      g.writeStringField("mimeType", Objects.requireNonNullElse(EventHeader.find(headers, "content-type"), ""));
      g.writeStringField("text", Objects.requireNonNullElse(body.data(), ""));
      if (body.encoding() == Body.Encoding.BASE64) {
        g.writeStringField("_encoding", "base64"); // HAR 1.2 postData has no encoding field
      }
      writeBodyComment(g, body);
      g.writeEndObject();
    }
    g.writeNumberField("headersSize", -1);
    g.writeNumberField("bodySize", body == null ? 0 : body.size());
    g.writeEndObject();
  }

  /**
   * @param body the response body, or null when there is none
   * @param bodySize bytes received on the wire, or -1 when unknown
   */
  static void response(JsonGenerator g, int status, String statusText, String httpVersion,
      List<EventHeader> headers, String mimeType, Body body, long bodySize) throws IOException {
    g.writeObjectFieldStart("response");
    g.writeNumberField("status", status);
    g.writeStringField("statusText", Objects.requireNonNullElse(statusText, ""));
    g.writeStringField("httpVersion", httpVersion);
    Cookies.writeResponseCookies(g, headers);
    writeHeaders(g, headers);
    g.writeObjectFieldStart("content");
    g.writeNumberField("size", body == null ? 0 : body.size());
    g.writeStringField("mimeType", mimeType == null || mimeType.isEmpty() ? UNKNOWN_MIME_TYPE : mimeType);
    if (body != null && body.data() != null) {
      g.writeStringField("text", body.data());
      if (body.encoding() == Body.Encoding.BASE64) {
        g.writeStringField("encoding", "base64");
      }
    }
    if (body != null) {
      writeBodyComment(g, body);
    }
    g.writeEndObject();
    g.writeStringField("redirectURL", Objects.requireNonNullElse(EventHeader.find(headers, "location"), ""));
    g.writeNumberField("headersSize", -1);
    g.writeNumberField("bodySize", bodySize);
    g.writeEndObject();
  }

  /** Writes {@code cache} and {@code timings}; HAR requires send, wait and receive to be >= 0. */
  static void cacheAndTimings(JsonGenerator g, Timing t) throws IOException {
    g.writeObjectFieldStart("cache");
    g.writeEndObject();
    g.writeObjectFieldStart("timings");
    g.writeNumberField("blocked", optionalPhase(t.blockedMs()));
    g.writeNumberField("dns", optionalPhase(t.dnsMs()));
    g.writeNumberField("connect", optionalPhase(t.connectMs()));
    g.writeNumberField("ssl", optionalPhase(t.sslMs()));
    g.writeNumberField("send", requiredPhase(t.sendMs()));
    g.writeNumberField("wait", requiredPhase(t.waitMs()));
    g.writeNumberField("receive", requiredPhase(t.receiveMs()));
    g.writeEndObject();
  }

  /**
   * HAR's {@code time} is the sum of the phases that apply. {@code ssl} is left out because HAR
   * counts it inside {@code connect}.
   */
  static double time(Timing t) {
    double sum = 0;
    for (double phase : new double[] {t.blockedMs(), t.dnsMs(), t.connectMs(), t.sendMs(), t.waitMs(), t.receiveMs()}) {
      sum += Math.max(0, phase);
    }
    return HarJson.millis(sum);
  }

  /** The browser's protocol name ({@code http/1.1}, {@code h2}, {@code h3}) as Chrome writes it in HAR. */
  static String httpVersion(String protocol) {
    if (protocol == null) {
      return "";
    }
    String p = protocol.toLowerCase(Locale.ROOT);
    if (p.equals("h2")) {
      return "HTTP/2.0";
    }
    if (p.startsWith("h3")) {
      return "HTTP/3.0";
    }
    return protocol.toUpperCase(Locale.ROOT);
  }

  private static void writeHeaders(JsonGenerator g, List<EventHeader> headers) throws IOException {
    g.writeArrayFieldStart("headers");
    if (headers != null) {
      for (EventHeader h : headers) {
        g.writeStartObject();
        g.writeStringField("name", h.name());
        g.writeStringField("value", Objects.requireNonNullElse(h.value(), ""));
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }

  /** Says in the standard comment field when the text is not the whole body. */
  private static void writeBodyComment(JsonGenerator g, Body body) throws IOException {
    if (body.omitted() != null) {
      g.writeStringField("comment", "body not captured: " + body.omitted());
    } else if (body.truncated()) {
      g.writeStringField("comment", "body truncated: only the first bytes of " + body.size() + " were captured");
    }
  }

  private static double optionalPhase(double ms) {
    return ms < 0 ? -1 : HarJson.millis(ms);
  }

  private static double requiredPhase(double ms) {
    return ms < 0 ? 0 : HarJson.millis(ms);
  }
}
