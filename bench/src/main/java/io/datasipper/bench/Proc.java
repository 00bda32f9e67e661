package io.datasipper.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Figures Linux keeps in {@code /proc}. The browser's processes are this JVM's descendants: the
 * benchmark starts every Chromium itself, and nothing else.
 */
final class Proc {
  /** The unit of /proc's CPU times: USER_HZ, `getconf CLK_TCK` on Linux. */
  static final double SECONDS_PER_TICK = 0.01;

  private Proc() {}

  /** Resident set size of the browser's processes, summed (shared pages count once per process). */
  record Browser(long rssBytes, int processes) {}

  /**
   * The browser's proportional set size: shared pages split between the processes sharing them, so
   * the sum is what the browser really occupies. Reading it walks page tables: sample it rarely.
   */
  static long browserPssBytes() {
    long pss = 0;
    for (ProcessHandle p : descendants()) {
      pss += Math.max(0, kbLine(Path.of("/proc", String.valueOf(p.pid()), "smaps_rollup"), "Pss"));
    }
    return pss;
  }

  /** A {@code kB} line of {@code /proc/<pid>/status} in bytes, or -1 if unreadable. */
  static long statusBytes(String pid, String key) {
    return kbLine(Path.of("/proc", pid, "status"), key);
  }

  private static long kbLine(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(key + ":")) {
          String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended between listing and reading: it has no figure any more
    }
    return -1;
  }

  /** Resets this process's VmHWM to its current RSS, so that the next reading is a peak since now. */
  static boolean resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static Browser browser() {
    long rss = 0;
    int n = 0;
    for (ProcessHandle p : descendants()) {
      long bytes = statusBytes(String.valueOf(p.pid()), "VmRSS");
      if (bytes > 0) {
        rss += bytes;
        n++;
      }
    }
    return new Browser(rss, n);
  }

  /** CPU seconds (user + system) the browser's processes have used so far. */
  static double browserCpuSeconds() {
    long ticks = 0;
    for (ProcessHandle p : descendants()) {
      ticks += cpuTicks(p.pid());
    }
    return ticks * SECONDS_PER_TICK;
  }

  /** The load average over the last minute. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static List<ProcessHandle> descendants() {
    return ProcessHandle.current().descendants().toList();
  }

  private static long cpuTicks(long pid) {
    try {
      String[] f = statFields(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * The fields of a {@code /proc/.../stat} line after the command name, which is in parentheses and
   * may contain spaces: [11] is utime, [12] stime, [13] cutime, [14] cstime, in clock ticks.
   */
  static String[] statFields(String stat) {
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }
}
