package io.datasipper.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a standard stream is a terminal. Java tells only whether standard input and output are
 * both terminals (a console), while a command piped into or out of is a terminal on its other
 * streams still. Linux names the device each descriptor is open on.
 */
final class Terminal {
  private Terminal() {}

  /** Standard input: a terminal when nothing is piped or redirected into the command. */
  static boolean standardInput() {
    return descriptor(0).orElse(false); // no /proc: not refused for what cannot be told
  }

  /** Standard error: where progress shows while the input comes through a pipe and the output goes to a file. */
  static boolean standardError() {
    return descriptor(2).orElseGet(() -> System.console() != null); // no /proc: the console's answer is the nearest
  }

  private static Optional<Boolean> descriptor(int fd) {
    try {
      String device = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return Optional.of(device.startsWith("/dev/pts/") || device.startsWith("/dev/tty"));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
