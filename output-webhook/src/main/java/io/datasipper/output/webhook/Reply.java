package io.datasipper.output.webhook;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * What a response means for the records it carried: 2xx delivered; 5xx, 429 and 408 may pass
 * later (retry); any other status is the receiver refusing them for good (dead letters). A 3xx is
 * retried rather than dead-lettered: it says the url is out of date, and fixing the config should
 * not cost the records.
 */
record Reply(Kind kind, String error, Optional<Instant> notBefore) {
  private static final int SNIPPET_CHARS = 200;

  enum Kind { DELIVERED, RETRY, REJECTED }

  static Reply of(HttpResponse<byte[]> response, Instant now) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Reply(Kind.DELIVERED, null, Optional.empty());
    }
    String error = "HTTP " + status + " from " + response.uri() + snippet(response.body());
    if (status >= 500 || status == 429 || status == 408) {
      return new Reply(Kind.RETRY, error, RetryAfter.parse(response.headers().firstValue("Retry-After"), now));
    }
    if (status >= 300 && status < 400) {
      return new Reply(Kind.RETRY, error + " (redirected to " + response.headers().firstValue("Location").orElse("?")
          + "; set url to the final address)", Optional.empty());
    }
    return new Reply(Kind.REJECTED, error, Optional.empty());
  }

  static Reply failed(Exception e) {
    return new Reply(Kind.RETRY, "POST failed: " + e, Optional.empty());
  }

  private static String snippet(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String text = new String(body, 0, Math.min(body.length, SNIPPET_CHARS * 4), StandardCharsets.UTF_8).strip();
    return ": " + (text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "..." : text);
  }
}
