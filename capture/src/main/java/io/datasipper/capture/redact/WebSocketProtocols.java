package io.datasipper.capture.redact;

import java.util.Locale;
import java.util.Set;

/**
 * Redacts the tokens that browsers' WebSocket APIs, which cannot set an Authorization header, pass
 * as subprotocols: {@code base64url.bearer.authorization.k8s.io.<token>}, or a keyword followed by
 * the token ({@code access_token, <token>}). Plain protocol names are kept.
 */
final class WebSocketProtocols {
  private static final Set<String> KEYWORDS = Set.of("bearer", "access_token", "token", "authorization", "auth");

  private WebSocketProtocols() {}

  static String redact(String value) {
    String[] items = value.split(",", -1);
    boolean afterKeyword = false;
    boolean changed = false;
    for (int i = 0; i < items.length; i++) {
      String item = items[i].trim();
      String lower = item.toLowerCase(Locale.ROOT);
      if (afterKeyword && !item.isEmpty() || !KEYWORDS.contains(lower) && (lower.contains("bearer") || lower.contains("token"))) {
        items[i] = items[i].replace(item, Redactor.REDACTED);
        changed = true;
        afterKeyword = false;
      } else {
        afterKeyword = KEYWORDS.contains(lower);
      }
    }
    return changed ? String.join(",", items) : value;
  }
}
