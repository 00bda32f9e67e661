package io.datasipper.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Whether and where a running command serves the local API and dashboard beside its work. */
final class UiOptions {
  @Option(names = "--no-ui", description = "Serve no local API or dashboard while running.")
  boolean off;

  @Mixin UiAddress address = new UiAddress();

  /** Serving at {@code address}: for a command whose whole job is serving. */
  static UiOptions at(UiAddress address) {
    UiOptions options = new UiOptions();
    options.address = address;
    return options;
  }
}
