package io.datasipper.server.guard;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The cookie a page trades the dashboard URL's token for, and the address it is sent back to with
 * the token taken out, so that the token leaves the address bar and the history.
 */
final class TokenCookie {
  static final String QUERY_PARAM = "token";

  private TokenCookie() {}

  /**
   * Per port: browsers share cookies between the ports of a host, so two servers on 127.0.0.1
   * (a {@code sip} and a {@code serve}) would otherwise overwrite each other's.
   */
  static String name(int port) {
    return "datasipper_token_" + port;
  }

  /**
   * {@code HttpOnly} keeps it from scripts, {@code SameSite=Strict} from requests other sites start.
   * Not {@code Secure}: the server speaks plain HTTP on loopback, where browsers would drop it.
   */
  static String setCookie(int port, String token) {
    return name(port) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  }

  /**
   * {@code path} with its query minus every {@code token} parameter, as the browser sent them. A
   * path starting with {@code //} is cut to one slash: the browser would read the rest as a host.
   */
  static String withoutToken(String path, String rawQuery) {
    path = path.replaceFirst("^/+", "/");
    String rest = rawQuery == null ? "" : Arrays.stream(rawQuery.split("&"))
        .filter(p -> !p.isEmpty() && !p.equals(QUERY_PARAM) && !p.startsWith(QUERY_PARAM + "="))
        .collect(Collectors.joining("&"));
    return rest.isEmpty() ? path : path + "?" + rest;
  }
}
