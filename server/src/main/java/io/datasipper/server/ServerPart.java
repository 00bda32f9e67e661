package io.datasipper.server;

import io.javalin.config.RoutesConfig;
import java.util.List;

/**
 * A group of routes the local server serves: the events API, the live feed, the metrics. Each part
 * is built from what it reads (the store, the pipeline, the config) and knows nothing of the others.
 */
public interface ServerPart {
  /** Declares the part's routes. Every route but {@code /healthz} is behind the token check. */
  void addRoutes(RoutesConfig routes);

  /** The requests a dashboard's first opening sends this part, for {@link LocalServer#warmUp}; none by default. */
  default List<FirstRequest> firstRequests() {
    return List.of();
  }
}
