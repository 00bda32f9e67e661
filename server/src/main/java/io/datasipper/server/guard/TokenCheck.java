package io.datasipper.server.guard;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * Finds and checks the token a request carries: as {@code Authorization: Bearer} (scripts, the
 * side panel), as a WebSocket subprotocol (the side panel's live feed: a browser's WebSocket cannot
 * send headers, and its cookies are not the extension's), or as the cookie the dashboard URL was
 * traded for (pages). Tokens are compared in constant time, so the time an answer takes tells nothing
 * of how much of a guess was right.
 */
final class TokenCheck {
  /** How the request proved it knows the token. */
  enum Credential {
    BEARER,
    /** {@code Sec-WebSocket-Protocol: datasipper, datasipper.token.<token>}: the answer must echo {@link #PROTOCOL}. */
    PROTOCOL,
    COOKIE
  }

  /** The subprotocol a WebSocket client offers beside its token, and the one the server picks. */
  static final String PROTOCOL = "datasipper";
  private static final String TOKEN_PROTOCOL = PROTOCOL + ".token.";
  private static final String BEARER = "Bearer ";

  private final String token;
  private final byte[] tokenBytes;

  TokenCheck(String token) {
    this.token = token;
    this.tokenBytes = token.getBytes(StandardCharsets.UTF_8);
  }

  /** The token itself, to set as the cookie's value. */
  String token() {
    return token;
  }

  boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(tokenBytes, candidate.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The request's credential, or the reason it has none that counts. A wrong bearer token is
   * refused even beside a right cookie: a client that sends one means it.
   */
  Result check(HttpServletRequest req) {
    String authorization = req.getHeader("Authorization");
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        return Result.refused("Authorization: not a bearer token; send 'Authorization: Bearer <token>'");
      }
      return matches(authorization.substring(BEARER.length()).strip()) ? Result.ok(Credential.BEARER)
          : Result.refused("Authorization: wrong token; use the one in the URL the command printed (it changes at every start)");
    }
    // Only an upgrade can carry it: for any other request the bearer header does.
    Result byProtocol = "websocket".equalsIgnoreCase(req.getHeader("Upgrade"))
        ? protocolToken(req.getHeaders("Sec-WebSocket-Protocol")) : null;
    if (byProtocol != null) {
      return byProtocol;
    }
    String cookie = cookie(req, TokenCookie.name(req.getLocalPort()));
    if (cookie != null) {
      return matches(cookie) ? Result.ok(Credential.COOKIE)
          : Result.refused("cookie: the token is from an earlier run; open the URL the command printed");
    }
    return Result.refused("no token: send 'Authorization: Bearer <token>', or open the URL with ?token= the command printed");
  }

  /** The token offered as a subprotocol, checked; null when none is offered. */
  private Result protocolToken(Enumeration<String> headers) {
    List<String> offered = new ArrayList<>();
    while (headers != null && headers.hasMoreElements()) {
      for (String p : headers.nextElement().split(",")) {
        offered.add(p.strip());
      }
    }
    String token = offered.stream().filter(p -> p.startsWith(TOKEN_PROTOCOL)).findFirst().orElse(null);
    if (token == null) {
      return null;
    }
    if (!offered.contains(PROTOCOL)) {
      // The answer must name one offered protocol, and it may not be the one holding the token.
      return Result.refused("Sec-WebSocket-Protocol: offer '" + PROTOCOL + "' beside '" + TOKEN_PROTOCOL + "<token>'");
    }
    return matches(token.substring(TOKEN_PROTOCOL.length())) ? Result.ok(Credential.PROTOCOL)
        : Result.refused("Sec-WebSocket-Protocol: wrong token; use the one in the URL the command printed"
            + " (it changes at every start)");
  }

  private static String cookie(HttpServletRequest req, String name) {
    Cookie[] cookies = req.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie c : cookies) {
      if (c.getName().equals(name)) {
        return c.getValue();
      }
    }
    return null;
  }

  /** A credential, or why there is none; the reason never repeats what the client sent. */
  record Result(Credential credential, String refusal) {
    static Result ok(Credential credential) {
      return new Result(credential, null);
    }

    static Result refused(String why) {
      return new Result(null, why);
    }
  }
}
