package io.datasipper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.capture.cdp.CdpEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A Chromium performance trace of the dashboard's renderer, read as it is collected, that says what
 * each long task was made of: its wall time, the time its thread actually ran (the CPU time a
 * loaded machine stretches into a longer task), and the work inside it by trace event name.
 */
final class LongTaskTrace implements Consumer<CdpEvent> {
  /** Top-level tasks, and what the browser records inside them: script, style, layout, paint, GC. */
  static final String CATEGORIES = "toplevel,devtools.timeline,v8,disabled-by-default-devtools.timeline,mojom";
  private static final String MOJO_MESSAGE = "Receive mojo message";
  private static final double LONG_MS = 50;

  /** One complete trace event: times in microseconds; threadDur -1 when not recorded. */
  private record Slice(long pid, long tid, String name, long ts, long dur, long threadDur) {}

  private final List<Slice> slices = new ArrayList<>();
  private final Set<String> rendererMains = new HashSet<>();
  private final CompletableFuture<Void> complete = new CompletableFuture<>();

  @Override
  public synchronized void accept(CdpEvent e) {
    switch (e.method()) {
      case "Tracing.dataCollected" -> e.params().path("value").forEach(this::take);
      case "Tracing.tracingComplete" -> complete.complete(null);
      default -> { }
    }
  }

  private void take(JsonNode ev) {
    String ph = ev.path("ph").asText();
    long pid = ev.path("pid").asLong();
    long tid = ev.path("tid").asLong();
    if (ph.equals("M") && ev.path("name").asText().equals("thread_name")
        && ev.path("args").path("name").asText().equals("CrRendererMain")) {
      rendererMains.add(pid + "/" + tid);
    } else if (ph.equals("X")) {
      slices.add(new Slice(pid, tid, name(ev), ev.path("ts").asLong(), ev.path("dur").asLong(),
          ev.has("tdur") ? ev.path("tdur").asLong() : -1));
    }
  }

  /**
   * The event's name; a mojo message's with the interface it came in on, "Receive mojo message
   * (network.mojom.WebSocketClient)": the messages a renderer gets most of are the first lead to
   * what keeps it busy, and their name alone does not tell them apart.
   */
  private static String name(JsonNode ev) {
    String name = ev.path("name").asText();
    String from = ev.path("args").path("chrome_mojo_event_info").path("mojo_interface_tag").asText("");
    return name.equals(MOJO_MESSAGE) && !from.isEmpty() ? name + " (" + from + ")" : name;
  }

  /** Completes when the browser has sent the whole trace (after {@code Tracing.end}). */
  CompletableFuture<Void> complete() {
    return complete;
  }

  /**
   * The renderer's tasks over 50 ms, longest first: "wall ms (ran ms): the heaviest work inside".
   * Work is summed by event name over every event inside the task (nested ones too), in wall time
   * and in the time the thread ran.
   */
  synchronized List<String> longTasks(int top) {
    List<Slice> main = mainThread();
    List<String> out = new ArrayList<>();
    List<Slice> tasks = main.stream().filter(s -> s.name().equals("RunTask") && s.dur() / 1000.0 > LONG_MS)
        .sorted(Comparator.comparingLong(Slice::dur).reversed()).limit(top).toList();
    for (Slice task : tasks) {
      List<Slice> inside = main.stream().filter(s -> s != task && s.tid() == task.tid() && s.ts() >= task.ts()
          && s.ts() + s.dur() <= task.ts() + task.dur()).toList();
      out.add(String.format(Locale.ROOT, "%.0f ms wall, %s: %s", task.dur() / 1000.0,
          task.threadDur() < 0 ? "thread time not recorded" : String.format(Locale.ROOT, "%.0f ms running",
              task.threadDur() / 1000.0), byName(inside, 6).orElse("nothing recorded inside")));
    }
    return out;
  }

  /**
   * What the renderer's main thread ran over the whole trace: its tasks' wall time and the time it
   * ran, then the heaviest work inside them by event name, as {@link #longTasks} gives it for one
   * task, then the tasks by the work each began with.
   */
  synchronized String mainThreadWork(int top) {
    List<Slice> main = mainThread();
    List<Slice> tasks = main.stream().filter(s -> s.name().equals("RunTask")).toList();
    return String.format(Locale.ROOT, "%d tasks, %.0f ms wall, %.0f ms running: %s; its tasks by what each ran first: %s",
        tasks.size(), tasks.stream().mapToLong(Slice::dur).sum() / 1000.0,
        tasks.stream().mapToLong(t -> Math.max(0, t.threadDur())).sum() / 1000.0,
        byName(main, top).orElse("nothing recorded"), tasksByFirstWork(main, top));
  }

  /**
   * The tasks counted by the first work inside them, past the scheduler's own wrappers, with their
   * wall time and the time their thread ran: how many tasks a kind of work took tells per-message
   * costs (a WebSocket message read in many pieces, say) from per-byte ones.
   */
  private static String tasksByFirstWork(List<Slice> main, int top) {
    Map<String, long[]> sums = new HashMap<>();
    for (int i = 0; i < main.size(); i++) {
      Slice task = main.get(i);
      if (task.name().equals("RunTask")) {
        long[] sum = sums.computeIfAbsent(firstWork(main, i), n -> new long[3]);
        sum[0]++;
        sum[1] += task.dur();
        sum[2] += Math.max(0, task.threadDur());
      }
    }
    return sums.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, long[]> w) -> w.getValue()[0]).reversed()).limit(top)
        .map(w -> String.format(Locale.ROOT, "%s %d tasks, %.0f ms (ran %.0f)", w.getKey(), w.getValue()[0],
            w.getValue()[1] / 1000.0, w.getValue()[2] / 1000.0))
        .collect(Collectors.joining(", "));
  }

  /** The name of the first event inside the task at {@code index} that is not a scheduler's wrapper. */
  private static String firstWork(List<Slice> main, int index) {
    Slice task = main.get(index);
    for (int j = index + 1; j < main.size() && main.get(j).ts() < task.ts() + task.dur(); j++) {
      String name = main.get(j).name();
      if (!name.equals("RunTask") && !name.equals("ThreadControllerImpl::RunTask")) {
        return name;
      }
    }
    return "(nothing recorded)";
  }

  private List<Slice> mainThread() {
    return slices.stream().filter(s -> rendererMains.contains(s.pid() + "/" + s.tid()))
        .sorted(Comparator.comparingLong(Slice::ts).thenComparing(Comparator.comparingLong(Slice::dur).reversed()))
        .toList();
  }

  /**
   * The events other than tasks, summed by name (nested ones too) in wall time and in the time the
   * thread ran where the trace recorded it, heaviest first; empty if there are none.
   */
  private static Optional<String> byName(List<Slice> events, int top) {
    Map<String, long[]> sums = new HashMap<>();
    for (Slice s : events) {
      if (!s.name().equals("RunTask")) {
        long[] sum = sums.computeIfAbsent(s.name(), n -> new long[2]);
        sum[0] += s.dur();
        sum[1] += Math.max(0, s.threadDur());
      }
    }
    String work = sums.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, long[]> w) -> w.getValue()[0]).reversed()).limit(top)
        .map(w -> String.format(Locale.ROOT, "%s %.0f ms (ran %.0f)", w.getKey(), w.getValue()[0] / 1000.0,
            w.getValue()[1] / 1000.0))
        .collect(Collectors.joining(", "));
    return work.isEmpty() ? Optional.empty() : Optional.of(work);
  }
}
