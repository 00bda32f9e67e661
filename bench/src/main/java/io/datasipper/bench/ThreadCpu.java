package io.datasipper.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where one browser's CPU goes: its processes' threads, read from {@code /proc}, summed by process
 * kind and thread name ("renderer Compositor", "gpu-process VizCompositorTh"; a process's main
 * thread keeps the program's name, so "renderer chromium" is the renderer's main thread). A
 * browser's CPU as one figure says how much it costs the machine; this says which of its parts does
 * the work. A thread that ended between two readings is missing from the second and counts nothing.
 */
final class ThreadCpu {
  private final Map<String, Long> ticksByThread;

  private ThreadCpu(Map<String, Long> ticksByThread) {
    this.ticksByThread = ticksByThread;
  }

  /** CPU used so far by each thread of {@code root} and the processes below it; empty if root is null. */
  static ThreadCpu read(ProcessHandle root) {
    Map<String, Long> ticks = new HashMap<>();
    if (root != null) {
      Stream.concat(Stream.of(root), root.descendants()).forEach(p -> readProcess(p, ticks));
    }
    return new ThreadCpu(ticks);
  }

  /**
   * What each part used from {@code before} to this reading, summed by process kind and thread
   * name, the heaviest {@code top} first, in seconds: "5.7 s in all: renderer chromium 2.5, ...".
   */
  String since(ThreadCpu before, int top) {
    Map<String, Long> byPart = new HashMap<>();
    ticksByThread.forEach((thread, ticks) -> {
      long used = ticks - before.ticksByThread.getOrDefault(thread, 0L);
      if (used > 0) {
        byPart.merge(thread.substring(thread.indexOf(' ') + 1), used, Long::sum);
      }
    });
    long total = byPart.values().stream().mapToLong(Long::longValue).sum();
    String parts = byPart.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(top).map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() * Proc.SECONDS_PER_TICK))
        .collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "%.1f s in all: %s", total * Proc.SECONDS_PER_TICK, parts);
  }

  /** Adds each thread of the process as "tid kind name" (the thread id keeps same-named threads apart). */
  private static void readProcess(ProcessHandle process, Map<String, Long> ticks) {
    Path proc = Path.of("/proc", String.valueOf(process.pid()));
    String kind;
    try {
      // Read directly: Chromium's children rewrite their arguments, and ProcessHandle.Info then has none.
      kind = kind(Files.readString(proc.resolve("cmdline")).replace('\0', ' '));
    } catch (IOException | RuntimeException e) {
      return; // the process ended
    }
    Path tasks = proc.resolve("task");
    try (Stream<Path> threads = Files.list(tasks)) {
      threads.forEach(thread -> {
        try {
          String stat = Files.readString(thread.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = Proc.statFields(stat);
          ticks.put(thread.getFileName() + " " + kind + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException | RuntimeException e) {
          // the thread ended between listing and reading: it has no figure any more
        }
      });
    } catch (IOException | RuntimeException e) {
      // the process ended between listing and reading
    }
  }

  /** The process's kind from its command line: its {@code --type}, the utility's service, or "browser". */
  static String kind(String commandLine) {
    String type = flag(commandLine, "--type=");
    if (type == null) {
      return "browser";
    }
    String service = flag(commandLine, "--utility-sub-type=");
    if (type.equals("utility") && service != null) {
      // network.mojom.NetworkService -> NetworkService
      return "utility:" + service.substring(service.lastIndexOf('.') + 1);
    }
    return type;
  }

  private static String flag(String commandLine, String prefix) {
    int at = commandLine.indexOf(prefix);
    if (at < 0) {
      return null;
    }
    int end = commandLine.indexOf(' ', at);
    return commandLine.substring(at + prefix.length(), end < 0 ? commandLine.length() : end);
  }
}
