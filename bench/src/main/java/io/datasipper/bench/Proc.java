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
  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ; `getconf CLK_TCK` on Linux

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
    return (double) ticks / CLOCK_TICKS_PER_SECOND;
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
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
