package io.datasipper.server.health;

import io.datasipper.server.ServerPart;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /readyz}: every component the command runs, with its state; 200 when none is down,
 * 503 when one is. (The liveness answer, {@code /healthz}, needs no part: the server always has it.)
 */
public final class ReadinessPart implements ServerPart {
  static final String PATH = "/readyz";

  private final List<HealthCheck> checks;

  public ReadinessPart(List<HealthCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get(PATH, this::answer);
  }

  private void answer(Context ctx) {
    Map<String, ComponentHealth> components = new LinkedHashMap<>();
    for (int i = 0; i < checks.size(); i++) {
      try {
        components.putAll(checks.get(i).check());
      } catch (RuntimeException e) {
        // Its components' names went with it: the check's place in the list is what is left to name it by.
        components.put("check:" + (i + 1), ComponentHealth.down("the check failed: " + e));
      }
    }
    boolean ready = components.values().stream().noneMatch(c -> c.status() == ComponentHealth.Status.DOWN);
    Map<String, Object> byName = new LinkedHashMap<>();
    components.forEach((name, c) -> {
      Map<String, String> state = new LinkedHashMap<>();
      state.put("status", c.status().json());
      state.put("detail", c.detail());
      byName.put(name, state);
    });
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ready", ready);
    body.put("components", byName);
    ctx.status(ready ? 200 : 503).json(body);
  }
}
