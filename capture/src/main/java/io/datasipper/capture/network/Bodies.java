package io.datasipper.capture.network;

import io.datasipper.api.event.Body;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** Makes {@link Body} values: text where the content is text, base64 otherwise, cut to the limit. */
final class Bodies {
  private Bodies() {}

  /** A body the browser gave as a string. */
  static Body fromText(String text, long limit) {
    long size = Body.utf8Length(text);
    if (size <= limit) {
      return Body.text(text, size, false);
    }
    return Body.text(cutToBytes(text, limit), size, true);
  }

  /** A body the browser gave as base64: text when it is valid UTF-8 of a textual type. */
  static Body fromBase64(String base64, String mimeType, long limit) {
    byte[] bytes = Base64.getDecoder().decode(base64);
    return fromBytes(bytes, mimeType, limit);
  }

  static Body fromBytes(byte[] bytes, String mimeType, long limit) {
    if (isTextual(mimeType)) {
      String text = decodeUtf8(bytes);
      if (text != null) {
        return fromText(text, limit);
      }
    }
    boolean truncated = bytes.length > limit;
    byte[] kept = truncated ? Arrays.copyOf(bytes, (int) limit) : bytes;
    return Body.base64(Base64.getEncoder().encodeToString(kept), bytes.length, truncated);
  }

  /**
   * A body known to be UTF-8 text (an event stream) of which only the first bytes were kept: a
   * character the cut went through is left out. Bytes that are not UTF-8 stay base64.
   *
   * @param totalBytes how long the whole body was
   */
  static Body fromUtf8Prefix(byte[] prefix, long totalBytes) {
    boolean truncated = totalBytes > prefix.length;
    byte[] whole = truncated ? Arrays.copyOf(prefix, wholeCharacters(prefix)) : prefix;
    String text = decodeUtf8(whole);
    return text != null ? Body.text(text, totalBytes, truncated)
        : Body.base64(Base64.getEncoder().encodeToString(prefix), totalBytes, truncated);
  }

  /** The length of {@code utf8} without a multi-byte character cut short at its end. */
  static int wholeCharacters(byte[] utf8) {
    for (int back = 1; back <= Math.min(4, utf8.length); back++) {
      int b = utf8[utf8.length - back] & 0xff;
      if (b < 0x80) {
        return utf8.length; // ASCII: nothing cut
      }
      if (b >= 0xc0) { // the lead byte of the last character
        int length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
        return back < length ? utf8.length - back : utf8.length;
      }
    }
    return utf8.length; // no lead byte where one should be: not UTF-8, left for the decoder to refuse
  }

  static boolean isTextual(String mimeType) {
    if (mimeType == null) {
      return false;
    }
    String m = mimeType.toLowerCase(java.util.Locale.ROOT);
    return m.startsWith("text/") || m.contains("json") || m.contains("xml") || m.contains("javascript")
        || m.contains("x-www-form-urlencoded") || m.contains("graphql") || m.contains("ecmascript");
  }

  /** Size in bytes of what a base64 text decodes to. */
  static long base64DecodedLength(String base64) {
    int len = base64.length();
    int padding = len > 0 && base64.charAt(len - 1) == '=' ? (len > 1 && base64.charAt(len - 2) == '=' ? 2 : 1) : 0;
    return (long) len / 4 * 3 - padding;
  }

  private static String cutToBytes(String text, long limit) {
    long n = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (n + bytes > limit) {
        break;
      }
      n += bytes;
      i += Character.charCount(cp);
    }
    return text.substring(0, i);
  }

  private static String decodeUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException notText) {
      return null;
    }
  }
}
