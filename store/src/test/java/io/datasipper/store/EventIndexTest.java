package io.datasipper.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.store.PageQuery.Order;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the capture's writer leaves to write a little later: events' keys and search text (EventIndex). */
class EventIndexTest {
  private static final int N = 300;
  private static final EventFilter CDN = EventFilter.builder().host("cdn.shop.test").build();
  private static final EventFilter TICKS = EventFilter.builder().search("tick").build();

  @TempDir Path dir;

  @Test
  void theCapturingProcessPagesAndSearchesItsEventsAtOnce() throws Exception {
    List<CaptureEvent> events = Traffic.events(N);
    try (EventStore store = EventStore.open(dir)) {
      store.append(events.subList(0, 100));
      store.append(events.subList(100, N));
      assertThat(page(store, CDN)).containsExactlyElementsOf(expected(events, CDN));
      assertThat(page(store, TICKS)).containsExactlyElementsOf(expected(events, TICKS));
      assertThat(store.countByType().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(N);
    }
  }

  @Test
  void anotherReaderFindsWhatTheCaptureWroteWithinAMoment() throws Exception {
    List<CaptureEvent> events = Traffic.events(N);
    try (EventStore capture = EventStore.open(dir);
        EventStore reader = EventStore.open(dir);
        StoreWriter writer = new StoreWriter(capture, new RingBuffer(), new EventStamps(N + 1),
            StoreWriter.Settings.defaults())) {
      events.forEach(writer::accept);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (page(reader, TICKS).size() < expected(events, TICKS).size() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(page(reader, TICKS)).containsExactlyElementsOf(expected(events, TICKS));
      assertThat(page(reader, CDN)).containsExactlyElementsOf(expected(events, CDN));
    }
  }

  @Test
  void whatAProcessThatDiedLeftUnindexedIsIndexedByTheNextThatWrites() throws Exception {
    Process child = TestJvm.of(AppendAndHalt.class, dir.toString(), Integer.toString(N)).inheritIO().start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child process ended").isTrue();
    assertThat(child.exitValue()).isEqualTo(AppendAndHalt.HALTED);
    CaptureEvent next = Traffic.event(N + 1);
    try (EventStore store = EventStore.open(dir)) {
      assertThat(store.maxSeq()).as("the child stored its events").isEqualTo(N);
      assertThat(store.countByType().values().stream().mapToLong(Long::longValue).sum())
          .as("a reader counts them before they are indexed").isEqualTo(N);
      store.insert(List.of(next));
      List<CaptureEvent> all = Traffic.events(N + 1);
      assertThat(page(store, CDN)).containsExactlyElementsOf(expected(all, CDN));
      assertThat(page(store, TICKS)).containsExactlyElementsOf(expected(all, TICKS));
      assertThat(page(store, EventFilter.ALL)).hasSize(N + 1);
    }
  }

  /** Appends events 1 to N to the store in the directory it is given, then dies without closing it. */
  static final class AppendAndHalt {
    static final int HALTED = 3;

    public static void main(String[] args) throws Exception {
      EventStore store = EventStore.open(Path.of(args[0]));
      store.append(Traffic.events(Integer.parseInt(args[1])));
      Runtime.getRuntime().halt(HALTED);
    }
  }

  private static List<Long> page(EventStore store, EventFilter filter) {
    return store.page(PageQuery.first(filter, Order.OLDEST, 1000)).events().stream().map(StoredEvent::seq).toList();
  }

  private static List<Long> expected(List<CaptureEvent> events, EventFilter filter) {
    return events.stream().filter(e -> filter == EventFilter.ALL
            || (filter == CDN ? e.url() != null && e.url().contains("://cdn.shop.test") : e instanceof WsFrameEvent))
        .map(CaptureEvent::seq).toList();
  }
}
