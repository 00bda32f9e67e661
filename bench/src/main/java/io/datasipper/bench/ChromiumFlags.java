package io.datasipper.bench;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the bare reader's Chromium: the flags {@code io.datasipper.capture.ChromiumProcess}
 * uses (package-private there, so repeated here; keep the two alike), plus the hermetic host rules
 * of the capture tests, which both readers get.
 */
final class ChromiumFlags {
  /** Keeps every name but the local ones from resolving, so the browser never dials out. */
  static final List<String> HERMETIC =
      List.of("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");

  /** Moves our stdin/stdout to the fds 3 and 4 that {@code --remote-debugging-pipe} reads and writes. */
  private static final List<String> PIPE_SHELL =
      List.of("/bin/sh", "-c", "exec \"$0\" \"$@\" 3<&0 4>&1 </dev/null >/dev/null");

  private ChromiumFlags() {}

  static List<String> pipeCommand(Path chromium, Path profileDir) {
    List<String> command = new ArrayList<>(PIPE_SHELL);
    command.add(chromium.toString());
    command.addAll(List.of(
        "--remote-debugging-pipe",
        "--user-data-dir=" + profileDir,
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-gpu",
        "--disable-features=RenderDocument",
        "--headless=new"));
    if (new UnixSystem().getUid() == 0) {
      command.add("--no-sandbox"); // Chromium refuses to run as root with its sandbox
    }
    command.addAll(HERMETIC);
    command.add("about:blank");
    return command;
  }
}
