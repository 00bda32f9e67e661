package io.datasipper.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time one browser has used, all its processes together: work done, which a busy machine
 * stretches in wall time but not in CPU time. A process that ended counts in the one that reaped it
 * (the browser or its zygote, both alive), through that one's children's times.
 */
final class BrowserCpu {
  private BrowserCpu() {}

  /** The browser process launched with this profile directory; null if there is none. */
  static ProcessHandle root(Path profile) {
    String flag = "--user-data-dir=" + profile;
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().commandLine().map(c -> c.contains(flag) && !c.contains("--type=")).orElse(false))
        .findFirst().orElse(null);
  }

  /** CPU seconds used so far by {@code root} and every process below it, ended ones included. */
  static double seconds(ProcessHandle root) {
    if (root == null) {
      return Double.NaN;
    }
    long ticks = Stream.concat(Stream.of(root), root.descendants()).mapToLong(p -> ticks(p.pid())).sum();
    return ticks * Proc.SECONDS_PER_TICK;
  }

  private static long ticks(long pid) {
    try {
      String[] f = Proc.statFields(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
      return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    } catch (IOException | RuntimeException e) {
      return 0; // ended between listing and reading: its reaper counts it
    }
  }
}
