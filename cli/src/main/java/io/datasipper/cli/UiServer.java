package io.datasipper.cli;

import io.datasipper.config.ConfigSource;
import io.datasipper.config.LivePipeline;
import io.datasipper.server.LocalServer;
import io.datasipper.server.ServerPart;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The local server of a running command: built from what the command runs (store, ring, pipeline,
 * config), started unless {@code --no-ui} says not to, announced in one line with its address.
 */
final class UiServer {
  /**
   * What a command offers the server.
   *
   * @param ring the capture's latest events; null when the command does not capture
   * @param pipeline the running pipeline; null when the command delivers nothing
   */
  record Sources(Path dataDir, EventStore store, RingBuffer ring, LivePipeline pipeline, ConfigSource config) {}

  private UiServer() {}

  /** Starts the server and prints its address, or returns null with {@code --no-ui}. */
  static LocalServer start(UiOptions options, Sources sources, PrintWriter out) {
    if (options.off) {
      return null;
    }
    LocalServer server;
    try {
      server = LocalServer.start(options.portOrAny(), parts(sources));
    } catch (RuntimeException e) {
      throw UserError.usage("cannot serve the dashboard on 127.0.0.1"
          + (options.port == null ? "" : ":" + options.port) + ": " + rootMessage(e) + "; use --ui-port or --no-ui");
    }
    out.println("dashboard: " + server.dashboardUrl());
    out.flush();
    return server;
  }

  private static List<ServerPart> parts(Sources sources) {
    return List.of();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
