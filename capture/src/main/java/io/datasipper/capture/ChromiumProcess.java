package io.datasipper.capture;

import io.datasipper.api.files.PrivateFiles;
import io.datasipper.capture.cdp.PipeTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Chromium started by DataSipper, connected over the debugging pipe. */
final class ChromiumProcess {
  private static final String SETSID = "/usr/bin/setsid";
  private final Process process;
  private final Path log;
  /** The browser's own process group (setsid made it), or null if it shares the JVM's. */
  private final ProcessGroup group;

  private ChromiumProcess(Process process, Path log, boolean ownGroup) {
    this.process = process;
    this.log = log;
    this.group = ownGroup ? new ProcessGroup(process.pid()) : null;
  }

  static ChromiumProcess start(LaunchOptions options) throws CaptureException {
    if (!Files.isExecutable(options.chromium())) {
      throw new CaptureException("Chromium not found at " + options.chromium()
          + ": install it with `sudo apt-get install -y chromium` or set DATASIPPER_CHROMIUM");
    }
    Path log = options.profileDir().resolveSibling("chromium.log");
    try {
      // The profile holds the browser's cookies and cache, the log the pages' console: both private.
      PrivateFiles.createDirectories(options.profileDir());
      PrivateFiles.createFile(log);
    } catch (IOException e) {
      throw new CaptureException("cannot create the browser profile " + options.profileDir() + ": " + e.getMessage());
    }
    List<String> command = new ArrayList<>();
    // The shell moves our stdin/stdout to the fds 3 and 4 that --remote-debugging-pipe reads and
    // writes. setsid puts the browser in its own session, so a Ctrl-C meant for DataSipper does not
    // kill it before DataSipper has finished with it.
    String setsid = Files.isExecutable(Path.of(SETSID)) ? SETSID + " " : "";
    command.addAll(List.of("/bin/sh", "-c", "exec " + setsid + "\"$0\" \"$@\" 3<&0 4>&1 </dev/null >/dev/null"));
    command.add(options.chromium().toString());
    command.addAll(flags(options));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      // The shell and setsid exec in place, and setsid needs no fork (a child of the JVM leads no
      // group): the browser keeps this pid and leads a group of that id.
      return new ChromiumProcess(pb.start(), log, !setsid.isEmpty());
    } catch (IOException e) {
      throw new CaptureException("cannot start Chromium " + options.chromium() + ": " + e.getMessage(), e);
    }
  }

  static List<String> flags(LaunchOptions options) {
    List<String> flags = new ArrayList<>(List.of("--remote-debugging-pipe", "--user-data-dir=" + options.profileDir()));
    flags.addAll(BrowserFlags.defaults(options.headed()));
    flags.addAll(options.extraArgs());
    flags.add("about:blank");
    return flags;
  }

  PipeTransport transport(long maxMessageBytes) {
    return new PipeTransport(process.getOutputStream(), process.getInputStream(), "cdp-pipe-reader", maxMessageBytes);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** A short description of how the process ended, for error messages. */
  String exitDescription() {
    return process.isAlive() ? "still running" : "exit code " + process.exitValue() + ", log: " + log;
  }

  /**
   * Waits for the browser to exit after it was asked to close, then makes sure it has, with every
   * process it started: when the browser process dies (a crash, a kill) its renderers and helpers
   * outlive it for a while and may still write to the profile.
   */
  void stop(long graceMillis) {
    try {
      if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
        }
      }
      if (group != null) {
        group.end(3_000);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  Path log() {
    return log;
  }
}
