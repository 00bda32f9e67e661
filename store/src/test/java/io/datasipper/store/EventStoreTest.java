package io.datasipper.store;

import static io.datasipper.store.TestEvents.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.WsFrameEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreTest {
  @TempDir Path dir;

  @Test
  void everyEventTypeRoundTrips() throws Exception {
    List<CaptureEvent> events = TestEvents.oneOfEach();
    assertThat(events).extracting(CaptureEvent::type).containsExactlyElementsOf(EventQuery.KNOWN_TYPES);
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
      assertThat(store.query(EventQuery.all())).containsExactlyElementsOf(events);
    }
  }

  @Test
  void insertAllStoresEverythingItIsHandedInOneTransaction() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(List.of(http(1, "http://127.0.0.1/before")));

      long stored = store.insertAll(sink -> {
        for (int i = 2; i <= 1_201; i++) {
          sink.accept(http(i, "http://127.0.0.1/imported/" + i));
        }
      });

      assertThat(stored).isEqualTo(1_200);
      assertThat(store.maxSeq()).isEqualTo(1_201);
      assertThat(store.countByType()).containsEntry(HttpEvent.TYPE, 1_201L);
      assertThat(store.awaitCommitAfter(1_200, Duration.ZERO)).as("live readers are told").isTrue();
    }
  }

  @Test
  void aFailureHalfWayThroughInsertAllLeavesNothingOfItBehind() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(List.of(http(1, "http://127.0.0.1/before")));

      // More than several batches, by count and by size, are written before the failure.
      assertThatThrownBy(() -> store.insertAll(sink -> {
        for (int i = 2; i <= 1_500; i++) {
          sink.accept(i % 2 == 0 ? http(i, "http://127.0.0.1/" + i) : TestEvents.frame(i, "ws://127.0.0.1/", 20_000));
        }
        throw new IllegalArgumentException("entry 1500 is malformed");
      })).hasMessage("entry 1500 is malformed");

      assertThat(store.maxSeq()).isEqualTo(1);
      assertThat(store.query(EventQuery.all())).hasSize(1);
      store.insert(List.of(http(2, "http://127.0.0.1/after")));
      assertThat(store.maxSeq()).as("the store takes writes again").isEqualTo(2);
    }
  }

  @Test
  void aLiveReaderWaitingForNewEventsWakesWhenTheyAreCommitted() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(List.of(http(1, "http://127.0.0.1/a")));
      assertThat(store.awaitCommitAfter(1, Duration.ofMillis(50))).isFalse();
      CompletableFuture<Boolean> woke = CompletableFuture.supplyAsync(() -> {
        try {
          return store.awaitCommitAfter(1, Duration.ofSeconds(30));
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(100);
      assertThat(woke).isNotDone();
      store.insert(List.of(http(2, "http://127.0.0.1/b")));
      assertThat(woke.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(store.awaitCommitAfter(1, Duration.ZERO)).isTrue();
    }
  }

  @Test
  void copiesTypeTimeAndUrlIntoColumns() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(TestEvents.oneOfEach());
    }
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT seq, type, ts, url FROM events ORDER BY seq")) {
      while (rs.next()) {
        rows.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
      }
    }
    assertThat(rows)
        .startsWith("1 http 2026-03-04T05:06:07.124456000Z http://127.0.0.1:8080/api/items?page=1")
        .contains(
            "6 sse 2026-03-04T05:06:07.129456000Z http://127.0.0.1:8080/events",
            "7 capture_gap 2026-03-04T05:06:07.130456000Z null",
            "8 capture_error 2026-03-04T05:06:07.131456000Z null");
  }

  @Test
  void migratesOnceAndReopensWithTheDataKept() throws Exception {
    try (EventStore store = EventStore.open(dir.resolve("new/nested"))) {
      assertThat(store.maxSeq()).isZero();
      store.insert(List.of(http(1, "http://a/"), http(2, "http://b/")));
    }
    try (EventStore store = EventStore.open(dir.resolve("new/nested"))) {
      assertThat(store.maxSeq()).isEqualTo(2);
      assertThat(store.query(EventQuery.all())).hasSize(2);
    }
    Path file = dir.resolve("new/nested/events.db");
    assertThat(pragma(file, "user_version")).isEqualTo(String.valueOf(Migrations.latestVersion()));
    assertThat(pragma(file, "journal_mode")).isEqualTo("wal");
  }

  @Test
  void refusesADatabaseFromANewerVersion() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(List.of(http(1, "http://a/")));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
        Statement s = c.createStatement()) {
      s.executeUpdate("PRAGMA user_version = 99");
    }
    assertThatThrownBy(() -> EventStore.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("newer DataSipper (schema version 99");
  }

  @Test
  void saysClearlyWhenTheDataDirectoryCannotBeMade() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    assertThatThrownBy(() -> EventStore.open(file.resolve("data")))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("data directory " + file.resolve("data") + " is not writable: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void saysWhichFileItCannotOpen() throws Exception {
    Path file = Files.writeString(dir.resolve("events.db"), "this is not a database, just text");
    assertThatThrownBy(() -> EventStore.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("cannot open " + file + ": ")
        .hasMessageContaining("not a database");
  }

  @Test
  void maxSeqIsTheHighestStored() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(List.of(http(5, "http://a/"), http(3, "http://b/")));
      assertThat(store.maxSeq()).isEqualTo(5);
    }
  }

  @Test
  void queriesByTypeAfterSeqAndLimit() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(TestEvents.oneOfEach());
      store.insert(List.of(http(9, "http://127.0.0.1:8080/api/items?page=2"), http(10, "http://other/")));

      assertThat(seqs(store, EventQuery.all().withType("http"))).containsExactly(1L, 9L, 10L);
      assertThat(seqs(store, EventQuery.all().withAfterSeq(6))).containsExactly(7L, 8L, 9L, 10L);
      assertThat(seqs(store, EventQuery.all().withLimit(3))).containsExactly(1L, 2L, 3L);
      assertThat(seqs(store, new EventQuery("http", 1, 1))).containsExactly(9L);
    }
  }

  @Test
  void filtersOnTextWithinUrlsLiterally() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(TestEvents.oneOfEach());
      store.insert(List.of(http(9, "http://127.0.0.1:8080/api/items?page=2"), http(10, "http://other/")));

      assertThat(seqs(store, urlContains("/live"), 0)).containsExactly(2L, 3L, 4L);
      assertThat(seqs(store, urlContains("items?page"), 0)).containsExactly(1L, 9L);
      assertThat(seqs(store, urlContains("%"), 0)).isEmpty();
      assertThat(seqs(store, EventFilter.builder().types("http").urlContains("127.0.0.1").build(), 1)).containsExactly(9L);
    }
  }

  @Test
  void eventsWhoseKeysAreHeldBackAreNotYetIndexed() throws Exception {
    EventStore capture = EventStore.open(dir);
    try (EventStore reader = EventStore.open(dir)) {
      assertThat(reader.indexedThrough()).isZero();
      capture.insert(List.of(http(1, "http://a/"), http(2, "http://b/")));
      capture.append(List.of(http(3, "http://c/"), http(4, "http://d/")));
      assertThat(reader.maxSeq()).isEqualTo(4);
      assertThat(reader.indexedThrough()).isEqualTo(2);
      assertThat(seqs(reader, EventQuery.all().withType("http"))).containsExactly(1L, 2L);
      capture.close(); // writes the keys it held back
      assertThat(reader.indexedThrough()).isEqualTo(4);
      assertThat(seqs(reader, EventQuery.all().withType("http"))).containsExactly(1L, 2L, 3L, 4L);
    } finally {
      capture.close();
    }
  }

  @Test
  void walksPageAfterPageUntilToldToStop() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      List<CaptureEvent> events = new ArrayList<>();
      for (int seq = 1; seq <= 2 * PageQuery.MAX_LIMIT + 500; seq++) {
        events.add(http(seq, "http://shop.test/items/" + seq));
      }
      store.insert(events);

      List<Long> all = new ArrayList<>();
      store.walk(oldest(EventFilter.ALL, 0), e -> all.add(e.seq()));
      assertThat(all).hasSize(events.size()).isSorted().startsWith(1L).endsWith((long) events.size());

      List<Long> some = new ArrayList<>();
      store.walk(oldest(urlContains("/items/2"), 100), e -> some.add(e.seq()) && some.size() < 1_200);
      assertThat(some).hasSize(601).startsWith(200L, 201L).endsWith(2_499L, 2_500L);
      some.clear();
      store.walk(oldest(EventFilter.ALL, 100), e -> some.add(e.seq()) && some.size() < 1_200);
      assertThat(some).hasSize(1_200).startsWith(101L).endsWith(1_300L);
    }
  }

  @Test
  void readsTheEventsOfManySeqsInOrderSkippingThoseNotStored() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      List<CaptureEvent> events = new ArrayList<>();
      for (int seq = 1; seq <= 2_000; seq++) {
        events.add(http(seq, "http://shop.test/items/" + seq));
      }
      store.insert(events);
      // 667 stored seqs, more than one statement's worth, and two that are not stored.
      List<Long> asked = new ArrayList<>();
      for (long seq = 1; seq <= 2_000; seq += 3) {
        asked.add(seq);
      }
      asked.add(2_500L);
      asked.addFirst(0L);

      List<CaptureEvent> read = new ArrayList<>();
      store.events(asked.stream().mapToLong(Long::longValue).toArray(), stored -> read.add(stored.event()));

      assertThat(read).hasSize(667).containsExactlyElementsOf(events.stream().filter(e -> e.seq() % 3 == 1).toList());
    }
  }

  @Test
  void queriesByTheWordsOfUrlsAndBodies() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(List.of(http(1, "http://shop.test/api/Items?page=2"), http(2, "http://shop.test/api/orders"),
          http(3, "http://other.test/items")));
      assertThat(seqs(store, search("ITEMS").build(), 0)).containsExactly(1L, 3L);
      assertThat(seqs(store, search("shop.test/api ord*").build(), 0)).containsExactly(2L);
      assertThat(seqs(store, search("items").urlContains("shop").build(), 0)).containsExactly(1L);
      assertThat(seqs(store, search("items").types("http").build(), 1)).containsExactly(3L);
    }
  }

  @Test
  void rejectsUnknownTypesNamingTheKnownOnes() {
    assertThatThrownBy(() -> EventQuery.all().withType("websocket"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown event type 'websocket': use one of http, ws_open, ws_frame, ws_close,"
            + " ws_error, sse, capture_gap, capture_error");
  }

  @Test
  void scanStreamsInSeqOrder() throws Exception {
    List<CaptureEvent> batch = new ArrayList<>();
    for (long seq = 2_000; seq >= 1; seq--) {
      batch.add(TestEvents.frame(seq, "ws://a/", 100));
    }
    try (EventStore store = EventStore.open(dir)) {
      store.insert(batch);
      List<Long> seen = new ArrayList<>();
      store.scan(EventQuery.all().withType(WsFrameEvent.TYPE), e -> seen.add(e.seq()));
      assertThat(seen).hasSize(2_000).isSorted();
    }
  }

  @Test
  void insertIsIdempotentOnEventId() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(List.of(http(1, "http://a/"), http(2, "http://b/")));
      store.insert(List.of(http(2, "http://b/"), http(3, "http://c/")));
      assertThat(seqs(store, EventQuery.all())).containsExactly(1L, 2L, 3L);
    }
  }

  @Test
  void aSecondEventWithATakenSeqIsAnErrorAndTheBatchIsNotWritten() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(List.of(http(1, "http://a/")));
      HttpEvent sameSeq = http(1, "http://b/");
      HttpEvent other = new HttpEvent("other-id", 1, sameSeq.startedAt(), sameSeq.endedAt(), null,
          sameSeq.url(), "GET", null, null, null, null, null, null, null, null);
      assertThatThrownBy(() -> store.insert(List.of(http(2, "http://c/"), other)))
          .isInstanceOf(UncheckedStoreException.class)
          .hasCauseInstanceOf(StoreException.class)
          .hasMessageContaining("writing 2 events");
      assertThat(seqs(store, EventQuery.all())).containsExactly(1L);
    }
  }

  @Test
  void countsByType() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(TestEvents.oneOfEach());
      store.insert(List.of(http(9, "http://a/")));
      Map<String, Long> counts = store.countByType();
      assertThat(counts).containsEntry("http", 2L).containsEntry(CaptureGapEvent.TYPE, 1L).hasSize(8);
      assertThat(List.copyOf(counts.keySet())).isSorted();
    }
  }

  @Test
  void saysWhichStoredEventCannotBeRead() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(List.of(http(1, "http://a/"), http(2, "http://b/")));
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE events SET json = '{\"type\":\"telepathy\"}' WHERE seq = 2");
      }
      assertThatThrownBy(() -> store.query(EventQuery.all()))
          .isInstanceOf(UncheckedStoreException.class)
          .hasMessageStartingWith("event 2 in " + dir.resolve("events.db") + " cannot be read: ");
    }
  }

  @Test
  void refusesUseAfterClose() throws Exception {
    EventStore store = EventStore.open(dir);
    store.close();
    assertThatThrownBy(store::maxSeq).isInstanceOf(IllegalStateException.class);
  }

  private static List<Long> seqs(EventStore store, EventQuery q) {
    return store.query(q).stream().map(CaptureEvent::seq).toList();
  }

  /** The seqs of all events after {@code afterSeq} that {@code f} selects, read page by page. */
  private static List<Long> seqs(EventStore store, EventFilter f, long afterSeq) {
    List<Long> seqs = new ArrayList<>();
    store.walk(oldest(f, afterSeq), e -> seqs.add(e.seq()));
    return seqs;
  }

  private static PageQuery oldest(EventFilter f, long afterSeq) {
    return PageQuery.first(f, PageQuery.Order.OLDEST, PageQuery.MAX_LIMIT).withAfter(afterSeq);
  }

  private static EventFilter urlContains(String text) {
    return EventFilter.builder().urlContains(text).build();
  }

  private static EventFilter.Builder search(String words) {
    return EventFilter.builder().search(words);
  }

  private static String pragma(Path file, String name) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
