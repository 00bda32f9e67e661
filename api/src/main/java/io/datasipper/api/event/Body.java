package io.datasipper.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A request or response body, or a WebSocket payload.
 *
 * @param encoding how {@code data} is written: text as-is, or base64 for binary content
 * @param data the content, cut to the configured limit; null when {@code omitted} says why
 * @param size the original size in bytes, before any truncation
 * @param truncated true when {@code data} holds only the first bytes of a larger body
 * @param omitted why there is no data (excluded by mime type, unavailable from the browser, ...)
 */
public record Body(Encoding encoding, String data, long size, boolean truncated, String omitted) {

  public enum Encoding {
    @JsonProperty("text") TEXT,
    @JsonProperty("base64") BASE64
  }

  public static Body text(String data, long size, boolean truncated) {
    return new Body(Encoding.TEXT, data, size, truncated, null);
  }

  public static Body base64(String data, long size, boolean truncated) {
    return new Body(Encoding.BASE64, data, size, truncated, null);
  }

  public static Body omitted(long size, String reason) {
    return new Body(null, null, size, false, reason);
  }

  /** A text's size in bytes as UTF-8, counted without encoding it. */
  public static long utf8Length(CharSequence text) {
    long n = 0;
    for (int i = 0, len = text.length(); i < len; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(text.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** The content as bytes: UTF-8 of text, or decoded base64; empty when omitted. */
  public byte[] bytes() {
    if (data == null) {
      return new byte[0];
    }
    return encoding == Encoding.BASE64
        ? java.util.Base64.getDecoder().decode(data)
        : data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  long approximateBytes() {
    return 64 + (data == null ? 0 : data.length());
  }
}
