package io.datasipper.route;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The host, path and query of a URL, split by hand: {@link java.net.URI} rejects much of what
 * browsers send (spaces, {@code |}, raw non-ASCII) and is slower, and routing needs only these
 * three parts.
 *
 * @param host lower case, without user info or port; IPv6 addresses keep their brackets; null
 *     when empty ({@code file:///})
 * @param path as written (still percent-encoded), {@code /} when the URL has none
 * @param query the text after {@code ?} and before any {@code #}, or null when there is no {@code ?}
 */
record UrlParts(String host, String path, String query) {

  /** The parts of {@code url}, or null for URLs without an authority ({@code data:}, {@code about:blank}). */
  static UrlParts parse(String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      return null;
    }
    int authorityStart = schemeEnd + 3;
    int authorityEnd = indexOfAny(url, authorityStart, "/?#");
    int fragment = url.indexOf('#', authorityEnd);
    int end = fragment < 0 ? url.length() : fragment;
    int queryMark = url.indexOf('?', authorityEnd);
    if (queryMark > end) {
      queryMark = -1;
    }
    String path = url.substring(authorityEnd, queryMark < 0 ? end : queryMark);
    return new UrlParts(
        host(url.substring(authorityStart, authorityEnd)),
        path.isEmpty() ? "/" : path,
        queryMark < 0 ? null : url.substring(queryMark + 1, end));
  }

  /**
   * The first value of the query parameter {@code name}, percent- and {@code +}-decoded; empty for
   * {@code ?name} and {@code ?name=}; null when absent. Names are matched exactly, after decoding.
   */
  String parameter(String name) {
    if (query == null) {
      return null;
    }
    int start = 0;
    while (start <= query.length()) {
      int amp = query.indexOf('&', start);
      int end = amp < 0 ? query.length() : amp;
      int eq = query.indexOf('=', start);
      int keyEnd = eq < 0 || eq > end ? end : eq;
      if (decode(query.substring(start, keyEnd)).equals(name)) {
        return keyEnd == end ? "" : decode(query.substring(keyEnd + 1, end));
      }
      start = end + 1;
    }
    return null;
  }

  private static String host(String authority) {
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    int portColon = host.startsWith("[") ? host.indexOf(':', Math.max(host.indexOf(']'), 0)) : host.indexOf(':');
    if (portColon >= 0) {
      host = host.substring(0, portColon);
    }
    return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
  }

  private static int indexOfAny(String s, int from, String chars) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a stray % is kept as written, as browsers do
    }
  }
}
