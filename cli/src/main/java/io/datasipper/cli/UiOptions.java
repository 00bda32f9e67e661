package io.datasipper.cli;

import picocli.CommandLine.Option;

/** Whether and where a running command serves the local API and dashboard. */
final class UiOptions {
  @Option(names = "--no-ui", description = "Serve no local API or dashboard while running.")
  boolean off;

  @Option(names = "--ui-port", paramLabel = "PORT",
      description = "Port of the local API and dashboard on 127.0.0.1 (default: a free one, printed at start).")
  Integer port;

  /** Serving on {@code port} (null: a free one), for a command whose whole job is serving. */
  static UiOptions onPort(Integer port) {
    UiOptions options = new UiOptions();
    options.port = port;
    return options;
  }

  /** The port to listen on: the one given, else 0 for a free one. */
  int portOrAny() {
    if (port == null) {
      return 0;
    }
    if (port < 1 || port > 65_535) {
      throw UserError.usage("--ui-port: " + port + " is not a port; expected 1 to 65535");
    }
    return port;
  }
}
