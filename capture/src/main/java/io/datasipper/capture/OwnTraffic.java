package io.datasipper.capture;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The origins of DataSipper's own components, whose traffic a capture drops before it makes any
 * event of it ({@code http}, {@code ws_*}, {@code sse}). Always the side-panel extension's
 * origin; the dashboard's is added by whoever starts the dashboard server, before the capture
 * starts ({@link CaptureRules#withOwnOrigin}).
 *
 * <p>What counts as own traffic:
 * <ul>
 *   <li>a request, WebSocket or event stream <em>to</em> an own origin, whoever makes it: a user's
 *       page calling the dashboard's API is own traffic for those calls only, its other requests
 *       are captured;
 *   <li>an HTTP request <em>made by</em> a document or worker of an own origin (its
 *       {@code documentURL}), wherever it goes: the extension's pages and service worker, dashboard
 *       tabs;
 *   <li>a WebSocket opened in a tab, frame or worker whose current URL is of an own origin.
 * </ul>
 * Each exchange or connection is judged when it starts, so a request redirected to an own origin
 * is captured, and so is a WebSocket that was open before the capture attached (its start was not
 * seen). Origins compare exactly, as browsers do: {@code http://127.0.0.1:8080} and
 * {@code http://localhost:8080} are two origins, so a server reachable under both names registers
 * both. A {@code ws:} or {@code wss:} URL counts as its {@code http:} or {@code https:} origin.
 *
 * @param origins each as {@code scheme://host[:port]}
 * @throws IllegalArgumentException naming the value when one is not an origin
 */
public record OwnTraffic(Set<String> origins) {
  /**
   * The id of DataSipper's extension. Chromium derives an extension's id from the public key in
   * its manifest's {@code "key"}; the key that gives this id is in the test extension,
   * {@code capture/src/test/resources/own-extension/manifest.json}, and the real extension's
   * manifest must carry the same key.
   */
  public static final String EXTENSION_ID = "djmladbdkbafekklnfolfodafpoinmio";

  public OwnTraffic {
    origins = origins.stream().map(OwnTraffic::parseOrigin).collect(Collectors.toUnmodifiableSet());
  }

  /** The extension alone: where captures start. */
  public static OwnTraffic extensionOnly() {
    return new OwnTraffic(Set.of("chrome-extension://" + EXTENSION_ID));
  }

  /**
   * These origins and one more, given as {@code scheme://host[:port]}, e.g. the dashboard's
   * {@code http://127.0.0.1:7341}.
   *
   * @throws IllegalArgumentException naming the value when it is not an origin
   */
  public OwnTraffic with(String origin) {
    Set<String> more = new HashSet<>(origins);
    more.add(origin);
    return new OwnTraffic(more);
  }

  /** Whether the URL is of an own origin; false for null and for URLs without an origin. */
  public boolean isOwn(String url) {
    String origin = originOf(url);
    return origin != null && origins.contains(origin);
  }

  /**
   * The origin of a URL, lower case and without a default port; null for URLs without a host
   * ({@code about:}, {@code data:}). Hand-parsed because it runs for every request and must not
   * throw on the odd URLs browsers report.
   */
  static String originOf(String url) {
    if (url == null) {
      return null;
    }
    String u = url.startsWith("blob:") ? url.substring(5) : url;
    int schemeEnd = u.indexOf("://");
    if (schemeEnd <= 0) {
      return null;
    }
    int start = schemeEnd + 3;
    int end = start;
    while (end < u.length() && "/?#".indexOf(u.charAt(end)) < 0) {
      end++;
    }
    String rawScheme = u.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    String scheme = switch (rawScheme) {
      case "ws" -> "http";
      case "wss" -> "https";
      default -> rawScheme;
    };
    String authority = u.substring(start, end).toLowerCase(Locale.ROOT);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    String defaultPort = scheme.equals("http") ? ":80" : scheme.equals("https") ? ":443" : null;
    if (defaultPort != null && authority.endsWith(defaultPort)) {
      authority = authority.substring(0, authority.length() - defaultPort.length());
    }
    return authority.isEmpty() ? null : scheme + "://" + authority;
  }

  private static String parseOrigin(String origin) {
    try {
      URI uri = new URI(origin);
      boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
          && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
      String parsed = originOf(origin);
      if (uri.getScheme() != null && uri.getHost() != null && bare && parsed != null) {
        return parsed;
      }
    } catch (URISyntaxException e) {
      // reported below with the value
    }
    throw new IllegalArgumentException("an own origin must be scheme://host[:port], was \"" + origin + "\"");
  }
}
