package io.datasipper.server.guard;

import io.datasipper.server.ServerSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * Every request passes here before any route, WebSocket upgrade or 404, in this order:
 *
 * <ol>
 *   <li>The {@link SecurityHeaders} are set on the answer, whatever it turns out to be.
 *   <li>{@code Host} must be {@code 127.0.0.1:PORT} or {@code localhost:PORT} (DNS rebinding), or 403;
 *       this holds for {@code /healthz} too.
 *   <li>A foreign {@code Origin} on a state-changing request (POST, PUT, PATCH, DELETE) or a
 *       WebSocket upgrade is refused with 403 (cross-site request forgery, cross-site WebSocket
 *       hijacking). A preflight is answered for the allowed extensions only, without a token (browsers
 *       send none); other origins never get {@code Access-Control-Allow-Origin}.
 *   <li>{@code /healthz} is served without a token.
 *   <li>{@code GET ...?token=T} with the right token sets the token cookie and redirects to the same
 *       address without the token.
 *   <li>Everything else needs the token, as bearer or cookie, or gets 401; a WebSocket upgrade may
 *       offer it as the subprotocol {@code datasipper.token.<token>} beside {@code datasipper}, which
 *       the answer then names (browsers let a WebSocket send no header but that one). A state-changing request or
 *       upgrade without {@code Origin} (a script) must use the bearer token: a cookie without an
 *       {@code Origin} to check could have been sent by anyone's page through an old browser.
 *   <li>A body announced larger than the limit is refused with 413 before it is read; a chunked one
 *       is stopped by the same limit as it is read (see {@code LocalServer}).
 * </ol>
 *
 * The token is never logged and never repeated in an answer.
 */
public final class RequestGuard extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final String HEALTHZ = "/healthz";

  /** The largest refused body read to its end, so that its client sees the refusal. */
  private static final long DISCARDED_BODY_LIMIT = 16L << 20;

  private final transient TokenCheck tokens;
  private final transient OriginPolicy origins;
  private final long maxBodyBytes;

  public RequestGuard(String token, ServerSettings settings) {
    this.tokens = new TokenCheck(token);
    this.origins = new OriginPolicy(settings.extensionOrigins());
    this.maxBodyBytes = settings.maxBodyBytes();
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    int port = req.getLocalPort();
    SecurityHeaders.apply(res);
    String host = req.getHeader("Host");
    if (!LoopbackHost.isThisServer(host, port)) {
      Refusal.forbidden("Host: '" + host + "' is not this server; call it as 127.0.0.1:" + port
          + " or localhost:" + port).send(res);
      return;
    }
    String origin = req.getHeader("Origin");
    OriginPolicy.Source source = origins.classify(origin, port);
    if (isPreflight(req)) {
      answerPreflight(res, origin, source);
      return;
    }
    if (source == OriginPolicy.Source.EXTENSION) {
      OriginPolicy.allowCrossOrigin(res, origin);
    }
    boolean upgrade = isWebSocketUpgrade(req);
    boolean changesState = upgrade || STATE_CHANGING.contains(req.getMethod());
    if (changesState && source == OriginPolicy.Source.FOREIGN) {
      Refusal.forbidden("Origin: '" + origin + "' may not " + (upgrade ? "open a WebSocket" : req.getMethod())
          + " here; only this server's own pages and the allowed extensions may").send(res);
      return;
    }
    if (HEALTHZ.equals(req.getRequestURI())) {
      chain.doFilter(req, res);
      return;
    }
    if (isTokenExchange(req)) {
      exchangeToken(req, res, port);
      return;
    }
    TokenCheck.Result auth = tokens.check(req);
    Refusal refusal = authenticate(auth, changesState, source);
    if (refusal == null && req.getContentLengthLong() > maxBodyBytes) {
      refusal = new Refusal(413, "request body: " + req.getContentLengthLong()
          + " bytes is more than the limit of " + maxBodyBytes + " bytes");
      discardBody(req);
    }
    if (refusal != null) {
      refusal.send(res);
      return;
    }
    if (auth.credential() == TokenCheck.Credential.PROTOCOL) {
      // The browser accepts the socket only if the answer picks one of the protocols it offered.
      res.setHeader("Sec-WebSocket-Protocol", TokenCheck.PROTOCOL);
    }
    chain.doFilter(req, res);
  }

  /**
   * Reads a refused body and drops it, up to {@link #DISCARDED_BODY_LIMIT}: a client reads the
   * answer once it has sent the whole body, and a connection closed with sent bytes unread is reset,
   * the answer lost with it (the client then saw no answer at all, now and then). A larger body is
   * not read: its connection is closed, answered or not.
   */
  private static void discardBody(HttpServletRequest req) throws IOException {
    if (req.getContentLengthLong() <= DISCARDED_BODY_LIMIT) {
      req.getInputStream().transferTo(OutputStream.nullOutputStream());
    }
  }

  private static void answerPreflight(HttpServletResponse res, String origin, OriginPolicy.Source source)
      throws IOException {
    if (source == OriginPolicy.Source.EXTENSION) {
      OriginPolicy.answerPreflight(res, origin);
    } else {
      Refusal.forbidden("Origin: '" + origin + "' may not call this server from its pages").send(res);
    }
  }

  /** Why the request's credential does not do, or null if it does. */
  private static Refusal authenticate(TokenCheck.Result auth, boolean changesState, OriginPolicy.Source source) {
    if (auth.credential() == null) {
      return Refusal.unauthorized(auth.refusal());
    }
    if (changesState && source == OriginPolicy.Source.NONE && auth.credential() == TokenCheck.Credential.COOKIE) {
      return Refusal.forbidden("Origin: missing; a request without Origin must carry 'Authorization: Bearer <token>',"
          + " the cookie is for this server's own pages");
    }
    return null;
  }

  private void exchangeToken(HttpServletRequest req, HttpServletResponse res, int port) throws IOException {
    if (!tokens.matches(req.getParameter(TokenCookie.QUERY_PARAM))) {
      Refusal.unauthorized("token: wrong, or from an earlier run; open the URL the command printed"
          + " (the token changes at every start)").send(res);
      return;
    }
    res.addHeader("Set-Cookie", TokenCookie.setCookie(port, tokens.token()));
    res.setHeader("Location", TokenCookie.withoutToken(req.getRequestURI(), req.getQueryString()));
    res.setStatus(HttpServletResponse.SC_SEE_OTHER);
  }

  /** A page's address with {@code ?token=}: traded for the cookie. Upgrades are not pages. */
  private static boolean isTokenExchange(HttpServletRequest req) {
    return ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod())) && !isWebSocketUpgrade(req)
        && req.getParameter(TokenCookie.QUERY_PARAM) != null;
  }

  private static boolean isPreflight(HttpServletRequest req) {
    return "OPTIONS".equals(req.getMethod()) && req.getHeader("Origin") != null
        && req.getHeader("Access-Control-Request-Method") != null;
  }

  private static boolean isWebSocketUpgrade(HttpServletRequest req) {
    return "websocket".equalsIgnoreCase(req.getHeader("Upgrade"));
  }
}
