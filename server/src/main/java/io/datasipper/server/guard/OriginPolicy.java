package io.datasipper.server.guard;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;

/**
 * Which origins may change state, open the live feed and read answers across origins. A browser
 * sends {@code Origin} on every cross-origin request, on every state-changing one and on every
 * WebSocket upgrade, so a page of another site is always recognised here; a request without
 * {@code Origin} comes from a script or a tool.
 */
final class OriginPolicy {
  /** Where a request comes from, as its {@code Origin} header says. */
  enum Source {
    /** No Origin: a script, curl, Prometheus. */
    NONE,
    /** This server's own pages. */
    OWN,
    /** A configured Chrome extension (the side panel). */
    EXTENSION,
    /** Any other site, and the opaque origin {@code null}. */
    FOREIGN
  }

  /** What an allowed extension may do across origins; it authenticates with the bearer token, not cookies. */
  private static final String CORS_METHODS = "GET, POST, PUT, PATCH, DELETE";
  private static final String CORS_HEADERS = "Authorization, Content-Type";
  private static final String PREFLIGHT_CACHE_SECONDS = "600";

  private final Set<String> extensionOrigins;

  OriginPolicy(List<String> extensionOrigins) {
    this.extensionOrigins = Set.copyOf(extensionOrigins);
  }

  Source classify(String origin, int port) {
    if (origin == null) {
      return Source.NONE;
    }
    for (String authority : LoopbackHost.authorities(port)) {
      if (origin.equalsIgnoreCase("http://" + authority)) {
        return Source.OWN;
      }
    }
    return extensionOrigins.contains(origin) ? Source.EXTENSION : Source.FOREIGN;
  }

  /**
   * Lets an allowed extension read the answer. No other origin ever gets
   * {@code Access-Control-Allow-Origin}: the browser then keeps every answer from other sites.
   */
  static void allowCrossOrigin(HttpServletResponse res, String extensionOrigin) {
    res.setHeader("Access-Control-Allow-Origin", extensionOrigin);
    res.addHeader("Vary", "Origin");
  }

  /** Answers an allowed extension's preflight: which methods and headers it may send. */
  static void answerPreflight(HttpServletResponse res, String extensionOrigin) {
    allowCrossOrigin(res, extensionOrigin);
    res.setHeader("Access-Control-Allow-Methods", CORS_METHODS);
    res.setHeader("Access-Control-Allow-Headers", CORS_HEADERS);
    res.setHeader("Access-Control-Max-Age", PREFLIGHT_CACHE_SECONDS);
    res.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }
}
