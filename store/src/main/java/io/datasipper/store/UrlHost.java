package io.datasipper.store;

import java.util.Locale;

/**
 * The host of a URL as the store indexes it: lower case, without user info or port, IPv6
 * addresses in brackets; the same as the stream rules' {@code host} field. Split by hand, as the
 * rules do: {@link java.net.URI} rejects much of what browsers send.
 */
final class UrlHost {
  private UrlHost() {}

  /** The host of {@code url}, or null for URLs without one ({@code data:}, {@code about:blank}, {@code file:///}). */
  static String of(String url) {
    if (url == null) {
      return null;
    }
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      return null;
    }
    int start = schemeEnd + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int at = url.lastIndexOf('@', end - 1);
    String host = url.substring(at >= start ? at + 1 : start, end);
    int portColon = host.startsWith("[") ? host.indexOf(':', Math.max(host.indexOf(']'), 0)) : host.indexOf(':');
    if (portColon >= 0) {
      host = host.substring(0, portColon);
    }
    return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
  }
}
