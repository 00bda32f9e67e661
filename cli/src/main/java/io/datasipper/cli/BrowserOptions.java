package io.datasipper.cli;

import io.datasipper.capture.BrowserFlags;
import java.util.List;
import picocli.CommandLine.Option;

/** How sip and demo start their Chromium: with a window or without, and with the user's own flags. */
final class BrowserOptions {
  @Option(names = "--headed", description = "Show the browser window (headless by default).")
  boolean headed;

  @Option(names = "--browser-arg", paramLabel = "FLAG",
      description = "An extra Chromium flag, e.g. --browser-arg=--proxy-server=127.0.0.1:8080 (repeatable). Flags that"
          + " would open the browser's DevTools to other programs, such as --remote-debugging-port, are refused.")
  List<String> args = List.of();

  /** Refuses, before anything starts, a --browser-arg that would open the browser to other programs. */
  void check() {
    try {
      BrowserFlags.check(args);
    } catch (IllegalArgumentException e) {
      throw UserError.usage("--browser-arg " + e.getMessage());
    }
  }
}
