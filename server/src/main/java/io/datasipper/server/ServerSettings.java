package io.datasipper.server;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How the local server is offered: its port, the Chrome extensions whose pages may call it from
 * their own origin (the side panel), and how large a request body may be.
 *
 * @param port the port to listen on, 0 for a free one
 * @param extensionOrigins origins such as {@code chrome-extension://<32-letter id>} that may send
 *     state-changing requests, open the live feed and read answers across origins (CORS)
 * @param maxBodyBytes the largest request body accepted; a larger one is refused with 413
 * @param token the token clients must send, at least 128 bits as hex; null for a new random one
 */
public record ServerSettings(int port, List<String> extensionOrigins, long maxBodyBytes, String token) {
  /** A token of at least 128 bits, as lowercase hex: a shorter one could be guessed. */
  public static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32,128}");
  /** 1 MiB: far above any config or filter the API takes, far below what could strain the heap. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;
  /** Chrome extension ids are 32 letters a to p (the hex of a key hash, shifted). */
  private static final Pattern EXTENSION_ORIGIN = Pattern.compile("chrome-extension://[a-p]{32}");
  private static final long MAX_BODY_LIMIT = 1L << 30;

  public ServerSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port: " + port + " is out of range; use 0 (any free port) to 65535");
    }
    extensionOrigins = List.copyOf(extensionOrigins);
    for (String origin : extensionOrigins) {
      if (!EXTENSION_ORIGIN.matcher(origin).matches()) {
        throw new IllegalArgumentException("extension origin '" + origin
            + "': not a Chrome extension origin; use chrome-extension://<the extension's 32-letter id>");
      }
    }
    if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_LIMIT) {
      throw new IllegalArgumentException("max body bytes: " + maxBodyBytes + " is out of range; use 1 to " + MAX_BODY_LIMIT);
    }
    if (token != null && !TOKEN.matcher(token).matches()) {
      throw new IllegalArgumentException("token: not 32 to 128 lowercase hex digits (128 bits or more)");
    }
  }

  /** The defaults on {@code port}: no extension allowed, bodies up to {@link #DEFAULT_MAX_BODY_BYTES}. */
  public static ServerSettings onPort(int port) {
    return new ServerSettings(port, List.of(), DEFAULT_MAX_BODY_BYTES, null);
  }

  public ServerSettings withExtensionOrigins(List<String> origins) {
    return new ServerSettings(port, origins, maxBodyBytes, token);
  }

  public ServerSettings withMaxBodyBytes(long bytes) {
    return new ServerSettings(port, extensionOrigins, bytes, token);
  }

  /** With a token of the user's, kept across runs (for a scraper or a script), instead of a new one. */
  public ServerSettings withToken(String fixed) {
    return new ServerSettings(port, extensionOrigins, maxBodyBytes, fixed);
  }
}
