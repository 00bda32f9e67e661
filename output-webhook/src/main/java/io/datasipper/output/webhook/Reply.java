package io.datasipper.output.webhook;

import io.datasipper.api.output.RedactedUrl;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * What a response means for the records it carried: 2xx delivered; 5xx, 429 and 408 may pass
 * later (retry, after the {@code Retry-After} the server named, if any); any other status is the
 * receiver refusing them for good (dead letters). A 3xx is refused too, naming where it points: the
 * records are kept in the dead letters, where a retry could only loop until the config is fixed.
 *
 * @param retryAfter how long the server asked to wait before the retry, or null
 */
record Reply(Kind kind, String error, Duration retryAfter) {
  private static final int SNIPPET_CHARS = 200;

  enum Kind { DELIVERED, RETRY, REJECTED }

  static Reply of(HttpResponse<byte[]> response, Instant now) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Reply(Kind.DELIVERED, null, null);
    }
    String from = RedactedUrl.of(response.uri());
    String error = "HTTP " + status + " from " + from + snippet(response.body());
    if (status >= 500 || status == 429 || status == 408) {
      Duration wait = RetryAfter.parse(response.headers().firstValue("Retry-After"), now)
          .map(at -> Duration.between(now, at)).map(d -> d.isNegative() ? Duration.ZERO : d).orElse(null);
      return new Reply(Kind.RETRY, wait == null ? error : error + " (Retry-After " + wait.toSeconds() + " s)", wait);
    }
    if (status >= 300 && status < 400) {
      String location = response.headers().firstValue("Location")
          .map(l -> redirectTarget(response.uri(), l)).orElse("nowhere (no Location)");
      return new Reply(Kind.REJECTED, "HTTP " + status + " from " + from + " redirects to " + location
          + "; set url to the final address", null);
    }
    return new Reply(Kind.REJECTED, error, null);
  }

  /** @param url the address posted to, kept out of the message as {@link RedactedUrl} shows it */
  static Reply failed(Exception e, URI url) {
    return new Reply(Kind.RETRY, "POST to " + RedactedUrl.of(url) + " failed: " + RedactedUrl.scrub(e.toString(), url),
        null);
  }

  /** Where a redirect points, shown as {@link RedactedUrl} does, and whether only the host or scheme changed. */
  private static String redirectTarget(URI from, String location) {
    try {
      URI to = from.resolve(location);
      boolean samePath = java.util.Objects.equals(to.getRawPath(), from.getRawPath())
          && java.util.Objects.equals(to.getRawQuery(), from.getRawQuery());
      return RedactedUrl.of(to) + (samePath ? " (the same path and query)" : " (another path or query)");
    } catch (IllegalArgumentException e) {
      return "an unreadable Location";
    }
  }

  private static String snippet(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String text = new String(body, 0, Math.min(body.length, SNIPPET_CHARS * 4), StandardCharsets.UTF_8).strip();
    return ": " + (text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "..." : text);
  }
}
