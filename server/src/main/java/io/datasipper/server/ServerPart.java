package io.datasipper.server;

import io.javalin.config.RoutesConfig;

/**
 * A group of routes the local server serves: the events API, the live feed, the metrics. Each part
 * is built from what it reads (the store, the pipeline, the config) and knows nothing of the others.
 */
public interface ServerPart {
  /** Declares the part's routes. Every route but {@code /healthz} is behind the token check. */
  void addRoutes(RoutesConfig routes);
}
