package io.datasipper.server;

import io.datasipper.server.guard.RequestGuard;
import io.javalin.Javalin;
import io.javalin.websocket.WsHandlerType;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local server a running command (or {@code serve}) offers: the API, the live feed and the
 * dashboard, on 127.0.0.1 only, behind a token made at start. Every request, WebSocket upgrades
 * included, passes the {@link RequestGuard} first (Host, Origin, token, body size); errors are
 * answered as {@code {"error": "..."}}.
 */
public final class LocalServer implements AutoCloseable {
  /** 128 bits, as hex: too many to guess, short enough to paste. */
  private static final int TOKEN_BYTES = 16;
  private static final String LOOPBACK = "127.0.0.1";
  private static final String PER_MESSAGE_DEFLATE = "permessage-deflate";
  private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);

  private final Javalin app;
  private final String token;
  private final List<ServerPart> parts;

  private LocalServer(Javalin app, String token, List<ServerPart> parts) {
    this.app = app;
    this.token = token;
    this.parts = List.copyOf(parts);
  }

  /**
   * Starts serving {@code parts} on 127.0.0.1 with the default settings.
   *
   * @param port the port to listen on; 0 for a free one
   */
  public static LocalServer start(int port, List<ServerPart> parts) {
    return start(ServerSettings.onPort(port), parts);
  }

  /** Starts serving {@code parts} on 127.0.0.1 as {@code settings} say. */
  public static LocalServer start(ServerSettings settings, List<ServerPart> parts) {
    String token = settings.token() != null ? settings.token() : newToken();
    RequestGuard guard = new RequestGuard(token, settings);
    Javalin app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.jetty.host = LOOPBACK;
      // The guard sees a request before Javalin does, so a refusal reaches no route, no WebSocket
      // upgrade and no 404: what is there is not told to whoever may not ask.
      cfg.jetty.modifyServletContextHandler(handler -> {
        handler.addFilter(new FilterHolder(guard), "/*", EnumSet.of(DispatcherType.REQUEST));
        // Once the context has started, before the connector takes a first connection.
        handler.addEventListener(new LifeCycle.Listener() {
          @Override
          public void lifeCycleStarted(LifeCycle started) {
            withoutCompression(handler);
          }
        });
      });
      // Bodies sent in chunks announce no length for the guard to check: Javalin stops reading them here.
      cfg.http.maxRequestSize = settings.maxBodyBytes();
      ErrorAnswers.install(cfg.routes, settings.maxBodyBytes());
      cfg.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
      parts.forEach(part -> part.addRoutes(cfg.routes));
    });
    app.start(settings.port());
    return new LocalServer(app, token, parts);
  }

  /**
   * Turns off WebSocket compression, which Jetty offers and browsers take: the feed's clients are on
   * this machine, where deflating a busy feed saves no time and costs the capture's CPU (and the
   * client's, to inflate), the cores a capture shares with its browser.
   */
  private static void withoutCompression(ServletContextHandler context) {
    WebSocketServerComponents.getWebSocketComponents(context).getExtensionRegistry().unregister(PER_MESSAGE_DEFLATE);
  }

  private static String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Sends the server, on a thread of its own, the requests a dashboard's first opening sends
   * ({@link ServerPart#firstRequests}), so that the user's first opening finds the code that answers
   * them loaded. Commands call it once they have started the server; it returns at once.
   *
   * @return the status each request was answered with, {@code -1} for one that got no answer
   */
  public CompletableFuture<Map<FirstRequest, Integer>> warmUp() {
    WarmUp warmUp = new WarmUp(port(), token, parts.stream().flatMap(part -> part.firstRequests().stream()).toList());
    return CompletableFuture.supplyAsync(warmUp::send, task -> Thread.ofPlatform().daemon().name("datasipper-server-warm-up").start(task));
  }

  /** Every route served, as {@code METHOD /path} ({@code WS /path} for WebSockets), for checks and docs. */
  public List<String> routes() {
    return Stream.concat(
        app.unsafe.internalRouter.allHttpHandlers().stream()
            .filter(e -> e.endpoint.method.isHttpMethod())
            .map(e -> e.endpoint.method.name() + " " + e.endpoint.path),
        app.unsafe.internalRouter.allWsHandlers().stream()
            .filter(w -> w.getType() == WsHandlerType.WEBSOCKET)
            .map(w -> "WS " + w.getPath()))
        .distinct().sorted().toList();
  }

  public int port() {
    return app.port();
  }

  /** The token API clients send as {@code Authorization: Bearer}. */
  public String token() {
    return token;
  }

  /** The server's own address, {@code http://127.0.0.1:PORT}, without the token. */
  public URI address() {
    return URI.create("http://" + LOOPBACK + ":" + port());
  }

  /** The address to open once: it carries the token, which the page trades for a cookie. */
  public URI dashboardUrl() {
    return URI.create(address() + "/?token=" + token);
  }

  @Override
  public void close() {
    app.stop();
    for (ServerPart part : parts) {
      if (part instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("stopping the server's {} failed", part.getClass().getSimpleName(), e);
        }
      }
    }
  }
}
