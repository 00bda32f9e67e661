package io.datasipper.server.guard;

import io.datasipper.server.ServerPart;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** A tiny part with one of each kind of route the guard must protect: a page, a read, a write and a feed. */
final class GuardedPart implements ServerPart {
  static final String PAGE = "<!doctype html><title>DataSipper</title><p>events</p>";

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/", ctx -> ctx.html(PAGE));
    routes.get("/api/thing", ctx -> ctx.json(Map.of("thing", 1)));
    routes.post("/api/echo", ctx -> ctx.json(Map.of("received_bytes", ctx.bodyAsBytes().length)));
    routes.ws("/api/feed", ws -> ws.onConnect(ctx -> ctx.send("hello")));
  }
}
