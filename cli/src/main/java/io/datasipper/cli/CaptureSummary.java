package io.datasipper.cli;

import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventSink;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.server.metrics.CapturedCounter;
import io.datasipper.store.EventStore;
import io.datasipper.store.WriterStats;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Adds up what a capture produced in payload bytes by type, keeps its first capture errors, and
 * prints the end-of-run summary with the errors in words: each says what was lost. The events by
 * type are the capture's {@link CapturedCounter}'s, which the metrics show too.
 */
final class CaptureSummary {
  private static final int ERRORS_SHOWN = 10;
  private final CapturedCounter counts;
  private final Map<String, LongAdder> bytes = new ConcurrentHashMap<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();

  /** @param counts what counts the capture's events by type, before this sink sees them */
  CaptureSummary(CapturedCounter counts) {
    this.counts = counts;
  }

  /** A sink that adds up each event's payload bytes and keeps the first errors, then passes it on. */
  EventSink counting(EventSink next) {
    return event -> {
      bytes.computeIfAbsent(event.type(), k -> new LongAdder()).add(payloadBytes(event));
      if (event instanceof CaptureErrorEvent e && errors.size() < ERRORS_SHOWN) {
        errors.add(e.kind() + ": " + e.message());
      }
      next.accept(event);
    };
  }

  /** Bytes of content the event carries: bodies, frame payloads, SSE data. */
  static long payloadBytes(CaptureEvent event) {
    return switch (event) {
      case HttpEvent h -> (h.request().body() == null ? 0 : h.request().body().size())
          + (h.response() == null || h.response().body() == null ? 0 : h.response().body().size());
      case WsFrameEvent f -> f.length();
      case SseEvent s -> s.data() == null ? 0 : s.data().length();
      default -> 0;
    };
  }

  void print(PrintWriter out, Path dataDir, WriterStats stats, Duration elapsed) {
    Map<String, Long> byType = counts.totals();
    long total = byType.values().stream().mapToLong(Long::longValue).sum();
    out.printf("captured %,d events in %.1f s%n", total, elapsed.toMillis() / 1000.0);
    byType.forEach((type, n) ->
        out.printf("  %-14s %,10d   %s%n", type, n, humanBytes(bytes.getOrDefault(type, new LongAdder()).sum())));
    printErrors(out, dataDir);
    out.printf("stored %,d events (%,d dropped, %,d gaps recorded) in %s (%s)%n", stats.written(),
        stats.droppedEvents(), stats.gapsRecorded(), dataDir.resolve(EventStore.FILE_NAME),
        humanBytes(fileSize(dataDir.resolve(EventStore.FILE_NAME))));
    String dir = " --data-dir " + dataDir;
    out.println("next:");
    out.println("  datasipper events" + dir + " --limit 20");
    out.println("  datasipper events" + dir + " --type ws_frame --json");
    out.println("  datasipper export har -o capture.har" + dir);
    out.flush();
  }

  private void printErrors(PrintWriter out, Path dataDir) {
    if (errors.isEmpty()) {
      return;
    }
    out.println("capture errors:");
    errors.forEach(e -> out.println("  " + e));
    long more = counts.total(CaptureErrorEvent.TYPE) - errors.size();
    if (more > 0) {
      out.printf("  ... and %,d more: datasipper events --type capture_error --data-dir %s%n", more, dataDir);
    }
  }

  private static long fileSize(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  static String humanBytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format("%.1f %s", v, units[u]);
  }
}
