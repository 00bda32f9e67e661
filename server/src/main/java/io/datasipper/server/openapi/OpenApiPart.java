package io.datasipper.server.openapi;

import io.datasipper.server.ServerPart;
import io.javalin.config.RoutesConfig;

/** Serves the API's OpenAPI 3.1 document at {@code /api/openapi.json}. */
public final class OpenApiPart implements ServerPart {
  /** Built once: the document does not change while the server runs. */
  private final String document = OpenApiDocument.build().toString();

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(document));
  }
}
