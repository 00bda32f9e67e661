package io.datasipper.api.output;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * An address as messages, logs, dead letters and stats show it: {@code scheme://host:port/…}. The
 * user info, path, query and fragment are left out: webhook tokens travel in the path or the
 * query, passwords in the user info ({@code redis://:password@host}) or the query
 * ({@code jdbc:mariadb://host/db?password=...}).
 */
public final class RedactedUrl {
  private static final String ELIDED = "…";

  private RedactedUrl() {}

  public static String of(URI uri) {
    String scheme = uri.getScheme();
    if (uri.isOpaque()) { // jdbc:postgresql://host/db: the address is the scheme-specific part's URI
      try {
        return scheme + ":" + of(new URI(uri.getRawSchemeSpecificPart()));
      } catch (URISyntaxException e) {
        return of(uri.toString());
      }
    }
    if (uri.getHost() == null) {
      return of(uri.toString());
    }
    String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
    boolean more = rawPath.length() > 1 || uri.getRawQuery() != null || uri.getRawFragment() != null;
    return (scheme == null ? "" : scheme + "://") + hostAndPort(uri.getHost(), uri.getPort())
        + (more ? "/" + ELIDED : rawPath);
  }

  /** As {@link #of(URI)}, for text that may not even parse as a URL (such text is what a typo gives). */
  public static String of(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getHost() != null || uri.isOpaque() && url.contains("://")) {
        return of(uri);
      }
    } catch (URISyntaxException e) {
      // cut by hand below
    }
    int start = url.indexOf("://");
    if (start < 0) {
      return ELIDED;
    }
    String rest = url.substring(start + 3);
    int end = firstOf(rest, "?#");
    int at = rest.substring(0, end).lastIndexOf('@'); // a password may hold a '/', never an '@' unescaped
    rest = rest.substring(at + 1);
    int authorityEnd = firstOf(rest, "/?#");
    return url.substring(0, start + 3) + rest.substring(0, authorityEnd)
        + (authorityEnd < rest.length() && !rest.substring(authorityEnd).equals("/") ? "/" + ELIDED : "");
  }

  /**
   * {@code text} (an error message of a client library, say) with {@code uri} and its secret parts
   * replaced as {@link #of(URI)} shows them.
   */
  public static String scrub(String text, URI uri) {
    if (text == null) {
      return null;
    }
    String out = text.replace(uri.toString(), of(uri));
    for (String secret : new String[] {uri.getRawUserInfo(), uri.getRawQuery(), uri.getRawFragment(), uri.getRawPath(),
        uri.getUserInfo(), uri.getQuery(), uri.getPath()}) {
      if (secret != null && secret.length() > 1) {
        out = out.replace(secret, ELIDED);
      }
    }
    return out;
  }

  /** As {@link #scrub(String, URI)}, for an address given as text, which may not parse. */
  public static String scrub(String text, String url) {
    if (text == null) {
      return null;
    }
    String out = text.replace(url, of(url));
    try {
      return scrub(out, new URI(url));
    } catch (URISyntaxException e) {
      return out;
    }
  }

  private static String hostAndPort(String host, int port) {
    return port < 0 ? host : host + ":" + port;
  }

  private static int firstOf(String text, String chars) {
    for (int i = 0; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }
}
