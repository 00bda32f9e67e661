package io.datasipper.capture.redact;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Redacts a URL, absolute or relative ({@code Location: /cb?code=...}, {@code :path}): the
 * password of its user info, the values of secret query and fragment parameters, and what the URL
 * patterns find. Hand-parsed, as browsers report URLs that {@link java.net.URI} refuses; the rest
 * of the URL is kept byte for byte.
 */
final class UrlRedaction {
  private final Set<String> params;
  private final List<TextPattern> patterns;

  UrlRedaction(Set<String> params, List<TextPattern> patterns) {
    this.params = params;
    this.patterns = patterns;
  }

  String redact(String url) {
    String out = url;
    int hash = out.indexOf('#');
    if (hash >= 0 && out.indexOf('=', hash) >= 0) {
      // A fragment of name=value pairs (OAuth's implicit flow) is read like a query.
      out = out.substring(0, hash + 1) + params(out.substring(hash + 1));
    }
    int question = out.indexOf('?');
    if (question >= 0 && (hash < 0 || question < hash)) {
      int end = hash < 0 ? out.length() : hash;
      out = out.substring(0, question + 1) + params(out.substring(question + 1, end)) + out.substring(end);
    }
    out = userInfoPassword(out);
    return Replacing.replace(patterns, out, Redactor.REDACTED_IN_URL);
  }

  /** {@code a=1&token=x} with the values of secret names redacted; also a form body. */
  String params(String query) {
    if (params.isEmpty() || query.indexOf('=') < 0) {
      return query;
    }
    StringBuilder out = null;
    int start = 0;
    while (start <= query.length()) {
      int amp = query.indexOf('&', start);
      int end = amp < 0 ? query.length() : amp;
      int eq = query.indexOf('=', start);
      if (eq >= 0 && eq < end - 1 && isSecret(query.substring(start, eq))) {
        if (out == null) {
          out = new StringBuilder(query.length()).append(query, 0, start);
        }
        out.append(query, start, eq + 1).append(Redactor.REDACTED_IN_URL);
      } else if (out != null) {
        out.append(query, start, end);
      }
      if (amp < 0) {
        break;
      }
      if (out != null) {
        out.append('&');
      }
      start = amp + 1;
    }
    return out == null ? query : out.toString();
  }

  private boolean isSecret(String rawName) {
    String name = rawName;
    if (name.indexOf('%') >= 0 || name.indexOf('+') >= 0) {
      try {
        name = URLDecoder.decode(name, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException malformed) {
        // compared as it is written
      }
    }
    return params.contains(name.toLowerCase(Locale.ROOT));
  }

  /** {@code https://user:secret@host/} keeps the user and loses the password. */
  private static String userInfoPassword(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return url;
    }
    int start = scheme + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int at = url.lastIndexOf('@', end - 1);
    if (at < start) {
      return url;
    }
    int colon = url.indexOf(':', start);
    if (colon < 0 || colon > at || colon == at - 1) {
      return url;
    }
    return url.substring(0, colon + 1) + Redactor.REDACTED_IN_URL + url.substring(at);
  }
}
