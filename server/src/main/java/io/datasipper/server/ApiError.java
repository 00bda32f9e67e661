package io.datasipper.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;

/**
 * A request a part refuses: the status and one line naming the bad input and what is wrong,
 * answered as {@code {"error": "..."}}.
 */
public final class ApiError extends RuntimeException {
  public static final ObjectMapper JSON = new ObjectMapper();
  private final int status;

  public ApiError(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The handler, answering the ApiErrors it throws as JSON. */
  public static Handler answering(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (ApiError e) {
        send(ctx, e.status, Map.of("error", e.getMessage()));
      }
    };
  }

  /** Answers {@code body} as JSON with snake_case names as given. */
  public static void send(Context ctx, int status, Object body) throws Exception {
    ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
  }
}
