package io.datasipper.server.guard;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers every answer carries. They are set on all answers, not only on pages: a JSON answer
 * opened in a tab is a page too, and none of them may be cached, framed or sniffed.
 */
final class SecurityHeaders {
  /**
   * Only the server's own scripts, styles and connections (its live feed included: CSP 3 lets
   * {@code 'self'} match the same host's ws:); no inline script, no plugins, no framing, and
   * forms and {@code <base>} cannot send a page elsewhere. Images may also come from {@code blob:}
   * URLs the page makes itself: the event detail previews a captured image body that way.
   */
  static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'");

  private SecurityHeaders() {}

  static void apply(HttpServletResponse res) {
    res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY"); // for browsers that predate frame-ancestors
    res.setHeader("Referrer-Policy", "no-referrer");
    // Answers hold captured traffic (cookies, tokens): nothing of them stays in a cache.
    res.setHeader("Cache-Control", "no-store");
  }
}
