package io.datasipper.cli;

import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsErrorEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.store.EventFilter;
import io.datasipper.store.EventStore;
import io.datasipper.store.PageQuery;
import io.datasipper.store.PageQuery.Order;
import io.datasipper.store.StoredEvent;
import io.datasipper.store.UncheckedStoreException;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code datasipper events}: prints the stored events of a capture, oldest first, and with
 * {@code --follow} each new one as the capture stores it. The events are read a page at a time,
 * as the API reads them, so that every filter costs the same at any depth.
 */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Print the captured events of a data directory, oldest first; with --follow, then each new one"
        + " as it is stored.")
final class EventsCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final int PREVIEW_CHARS = 60;
  /** How often --follow looks for new events: the capture is another process, seen only by polling. */
  private static final Duration POLL = Duration.ofMillis(200);

  @Mixin DataDirOption dataDir;

  @Mixin EventFilterOptions filters;

  @Option(names = "--limit", paramLabel = "N", description = "Print at most the first N events.")
  Integer limit;

  @Option(names = "--last", paramLabel = "N",
      description = "Print only the last N events stored (still oldest first); with --follow, then the new ones.")
  Integer last;

  @Option(names = {"-f", "--follow"},
      description = "After the stored events, go on printing each new one as the capture stores it, until Ctrl-C"
          + " (or --limit events in all).")
  boolean follow;

  @Option(names = "--json", description = "Print each event as one line of JSON.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    checkCounts();
    EventFilter filter = filters.filter(Instant.now());
    // Only when following: Ctrl-C then ends the loop, and the JVM waits for the report.
    try (StopSignal stop = follow ? StopSignal.install() : null) {
      return print(filter, stop);
    }
  }

  private int print(EventFilter filter, StopSignal stop) {
    // Buffered, flushed once at the end (or once per look when following): the default writer flushes every line.
    PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut()));
    Printer printer = new Printer(out);
    try (EventStore store = dataDir.openExisting()) {
      long seen = store.indexedThrough();
      printAfter(store, filter, last == null ? 0 : startOfLast(store, filter, last), printer);
      if (stop != null) {
        follow(store, filter, Math.max(seen, printer.lastSeq), printer, stop);
      }
    } catch (UncheckedStoreException e) {
      throw UserError.failure(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw UserError.usage(e.getMessage()); // a filter the store cannot answer (an encrypted one)
    } finally {
      out.flush();
    }
    return printer.unreadable.report(spec.commandLine().getErr(), "printed") ? Main.FAILURE : Main.OK;
  }

  /** Prints the matching events with a seq above {@code after}, oldest first, up to the limit. */
  private void printAfter(EventStore store, EventFilter filter, long after, Printer printer) {
    if (left(printer) > 0) {
      store.walk(new PageQuery(filter, after, Long.MAX_VALUE, Order.OLDEST, PageQuery.MAX_LIMIT), event -> {
        printer.print(event);
        return left(printer) > 0;
      });
    }
  }

  /** The seq after which the last {@code n} matching events are, found walking back from the newest. */
  private static long startOfLast(EventStore store, EventFilter filter, int n) {
    long[] counted = {0, 0}; // how many, and the seq of the last counted
    store.walk(PageQuery.first(filter, Order.NEWEST, Math.min(n, PageQuery.MAX_LIMIT)), event -> {
      counted[1] = event.seq();
      return ++counted[0] < n;
    });
    return counted[0] == n ? counted[1] - 1 : 0;
  }

  /**
   * Prints the events stored after {@code seq} as they come, until Ctrl-C, the limit, or an output
   * nobody reads any more (a pipe into {@code head}).
   */
  private void follow(EventStore store, EventFilter filter, long seq, Printer printer, StopSignal stop) {
    long after = seq;
    while (left(printer) > 0 && !stop.stopping()) {
      printer.out.flush();
      if (System.out.checkError()) {
        return;
      }
      stop.await(POLL);
      // Every event up to it is committed and indexed: the capture's writer does both in seq order.
      long seen = store.indexedThrough();
      printAfter(store, filter, after, printer);
      after = Math.max(seen, printer.lastSeq);
    }
  }

  private long left(Printer printer) {
    return limit == null ? Long.MAX_VALUE : limit - printer.count;
  }

  private void checkCounts() {
    if (limit != null && limit < 1) {
      throw UserError.usage("--limit must be at least 1, not " + limit);
    }
    if (last != null && last < 1) {
      throw UserError.usage("--last must be at least 1, not " + last);
    }
    if (last != null && limit != null) {
      throw UserError.usage("--limit N prints the first N events and --last N the last N: use one of them");
    }
  }

  /** Prints stored events as lines or as JSON, counting them and those it cannot read. */
  private final class Printer {
    final PrintWriter out;
    final Unreadable unreadable = new Unreadable();
    long count;
    long lastSeq;

    Printer(PrintWriter out) {
      this.out = out;
    }

    void print(StoredEvent stored) {
      lastSeq = stored.seq();
      unreadable.read(stored, e -> {
        out.println(json ? EventJson.write(e) : line(e));
        count++;
      });
    }
  }

  /** seq, time, type, then what matters most for the type. */
  static String line(CaptureEvent e) {
    Instant t = e.timestamp();
    return String.format(Locale.ROOT, "%7d  %s  %-13s  %s",
        e.seq(), t == null ? "-" : TIME.format(t), e.type(), details(e));
  }

  private static String details(CaptureEvent e) {
    return switch (e) {
      case HttpEvent h -> h.method() + " " + httpOutcome(h) + " " + h.url()
          + (h.response() != null && h.response().body() != null
              ? " " + size(h.response().body().size()) : "");
      case WsFrameEvent f -> lower(f.direction()) + " " + lower(f.opcode()) + " " + size(f.length())
          + " " + f.url();
      case SseEvent s -> s.event() + " " + preview(s.data()) + " " + s.url();
      case CaptureGapEvent g -> "dropped " + g.droppedEvents() + " events ("
          + size(g.droppedBytes()) + ") between " + g.firstDroppedAt() + " and "
          + g.lastDroppedAt() + ": " + g.reason();
      case WsOpenEvent o -> o.status() + " " + o.url();
      case WsCloseEvent c -> c.url();
      case WsErrorEvent w -> preview(w.message()) + " " + w.url();
      case CaptureErrorEvent c -> c.kind() + " " + preview(c.message());
    };
  }

  private static String httpOutcome(HttpEvent h) {
    if (h.response() != null) {
      return String.valueOf(h.response().status());
    }
    return h.error() == null ? "-" : h.error().text();
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** One line, quoted, cut short: data can be long and hold newlines. */
  private static String preview(String text) {
    if (text == null) {
      return "-";
    }
    String flat = text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
    return "\"" + (flat.length() > PREVIEW_CHARS ? flat.substring(0, PREVIEW_CHARS) + "..." : flat)
        + "\"";
  }

  private static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }
}
