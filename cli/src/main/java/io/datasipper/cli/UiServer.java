package io.datasipper.cli;

import io.datasipper.server.ApiParts;
import io.datasipper.server.LocalServer;
import io.datasipper.server.ServerSettings;
import io.datasipper.server.ServerSources;
import java.io.PrintWriter;

/**
 * The local server of a running command: built from what the command runs (store, ring, pipeline,
 * config), started unless {@code --no-ui} says not to, announced in one line with its address, then
 * warmed up for the dashboard's first opening.
 */
final class UiServer {
  private UiServer() {}

  /** Starts the server and prints its address, or returns null with {@code --no-ui}. */
  static LocalServer start(UiOptions options, ServerSources sources, PrintWriter out) {
    if (options.off) {
      return null;
    }
    ServerSettings settings = options.address.settings();
    LocalServer server;
    try {
      server = LocalServer.start(settings, ApiParts.of(sources));
    } catch (RuntimeException e) {
      throw UserError.usage("cannot serve the dashboard on 127.0.0.1"
          + (options.address.port == null ? "" : ":" + options.address.port) + ": " + rootMessage(e) + "; use --ui-port or --no-ui");
    }
    out.println("dashboard: " + server.dashboardUrl());
    out.flush();
    server.warmUp();
    return server;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
