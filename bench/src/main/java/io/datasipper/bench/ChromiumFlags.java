package io.datasipper.bench;

import io.datasipper.capture.BrowserFlags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines of the benchmarks' own browsers. {@link #DATASIPPER} are the flags DataSipper
 * starts Chromium with; every browser also gets the hermetic host rules of the capture tests.
 */
final class ChromiumFlags {
  /** Keeps every name but the local ones from resolving, so the browser never dials out. */
  static final List<String> HERMETIC =
      List.of("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");

  /** DataSipper's flags, headless, without the transport and the profile directory. */
  static final List<String> DATASIPPER = BrowserFlags.defaults(false);

  /** Moves our stdin/stdout to the fds 3 and 4 that {@code --remote-debugging-pipe} reads and writes. */
  private static final List<String> PIPE_SHELL =
      List.of("/bin/sh", "-c", "exec \"$0\" \"$@\" 3<&0 4>&1 </dev/null >/dev/null");

  private ChromiumFlags() {}

  /** DataSipper's command line over the pipe, at about:blank. */
  static List<String> pipeCommand(Path chromium, Path profileDir) {
    return pipeCommand(chromium, profileDir, DATASIPPER);
  }

  /** A command line over the pipe with these flags, at about:blank. */
  static List<String> pipeCommand(Path chromium, Path profileDir, List<String> flags) {
    List<String> command = new ArrayList<>(PIPE_SHELL);
    command.add(chromium.toString());
    command.add("--remote-debugging-pipe");
    command.add("--user-data-dir=" + profileDir);
    command.addAll(flags);
    command.addAll(HERMETIC);
    command.add("about:blank");
    return command;
  }
}
