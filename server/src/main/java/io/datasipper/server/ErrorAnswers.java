package io.datasipper.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * Javalin's own refusals (404, 405, a body too large, a part's {@code BadRequestResponse}) in the
 * API's error shape, {@code {"error": "..."}}, whatever the client accepts.
 */
final class ErrorAnswers {
  private ErrorAnswers() {}

  static void install(RoutesConfig routes, long maxBodyBytes) {
    routes.exception(HttpResponseException.class, (e, ctx) -> {
      String error = e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()
          ? "request body: more than the limit of " + maxBodyBytes + " bytes"
          : e.getMessage();
      ctx.status(e.getStatus()).json(Map.of("error", error));
    });
  }
}
