package io.datasipper.store;

import static io.datasipper.store.TestEvents.T0;
import static io.datasipper.store.TestEvents.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.store.RetentionSettings.WhenFull;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionSweepTest {
  private static final long MIB = 1 << 20;
  private static final String WS = "ws://127.0.0.1:8080/live";

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  @Test
  void aStoreFilledPastItsCapShrinksOnDisk() throws Exception {
    EventStore store = open();
    fill(store, 1, 3_000, 4_000); // about 12 MiB of frames
    Path file = dir.resolve(EventStore.FILE_NAME);
    checkpoint(file);
    long before = Files.size(file);
    assertThat(before).isGreaterThan(10 * MIB);

    RetentionSweep.Report report = sweep(store, RetentionSettings.off().withMaxBytes(4 * MIB), name -> true);

    assertThat(report.deletedForSize()).isGreaterThan(1_500);
    assertThat(report.usedBytes()).isLessThanOrEqualTo(4 * MIB);
    assertThat(Files.size(file)).isLessThanOrEqualTo(4 * MIB + 64 * 1024).isLessThan(before / 2);
    List<Long> left = seqs(store);
    assertThat(left).last().isEqualTo(3_000L);
    assertThat(left.getFirst()).isEqualTo(3_001 - left.size()); // the oldest went, the newest stayed
    assertThat(store.page(PageQuery.first(EventFilter.ALL, PageQuery.Order.NEWEST, 10)).events()).isNotEmpty();
    assertThat(count(file, "SELECT count(*) FROM event_text")).as("the search index holds the events left only")
        .isEqualTo(left.size());
    assertThat(count(file, "SELECT min(block) FROM event_time_spans")).as("no time span of a block wholly deleted")
        .isEqualTo(left.getFirst() >> TimeSpans.BLOCK_BITS);
  }

  @Test
  void eventsPastTheAgeLimitAreKeptForAnOutputStillDeliveringAndCountedForOneThatIsNot() throws Exception {
    EventStore store = open();
    fill(store, 1, 100, 10); // event n was captured at T0 + n ms
    DeliveryLedger ledger = new DeliveryLedger(store);
    ledger.saveCursor("kafka", 30);
    Clock weekLater = Clock.fixed(T0.plus(Duration.ofDays(7)).plusMillis(50), ZoneOffset.UTC);
    RetentionSettings week = RetentionSettings.off().withMaxAge(Duration.ofDays(7));

    RetentionSweep.Report delivering = sweep(store, week, name -> true, weekLater);
    assertThat(delivering.deletedForAge()).isEqualTo(30);
    assertThat(delivering.undelivered()).isEmpty();
    assertThat(seqs(store).getFirst()).isEqualTo(31);

    RetentionSweep.Report failing = sweep(store, week, name -> false, weekLater);
    assertThat(failing.deletedForAge()).isEqualTo(19); // 31 to 49: 50 is exactly 7 days old
    assertThat(failing.undelivered()).isEqualTo(Map.of("kafka", 19L));
    assertThat(seqs(store).getFirst()).isEqualTo(50);
    assertThat(ledger.deletedUndelivered()).isEqualTo(Map.of("kafka", 19L));
  }

  @Test
  void numberingGoesOnAfterWhatTheSweepDeletedEvenFromAStoreItEmptied() throws Exception {
    EventStore store = open();
    fill(store, 1, 40, 10);
    DeliveryLedger ledger = new DeliveryLedger(store);
    ledger.saveCursor("kafka", 40);
    Clock yearLater = Clock.fixed(T0.plus(Duration.ofDays(365)), ZoneOffset.UTC);

    sweep(store, RetentionSettings.off().withMaxAge(Duration.ofDays(7)), name -> true, yearLater);

    assertThat(seqs(store)).as("every event was past the age limit").isEmpty();
    assertThat(store.nextSeq()).as("the next capture's first seq, after kafka's cursor").isEqualTo(41);
    store.close();
    assertThat(open().nextSeq()).as("after the store is opened again").isEqualTo(41);
  }

  @Test
  void dropOldestDeletesUndeliveredEventsWhenFullAndCountsThemPerOutput() throws Exception {
    EventStore store = open();
    fill(store, 1, 2_000, 4_000);
    DeliveryLedger ledger = new DeliveryLedger(store);
    ledger.saveCursor("kafka", 100);
    ledger.saveCursor("webhook", 2_000);

    RetentionSweep.Report report = sweep(store, RetentionSettings.off().withMaxBytes(2 * MIB), name -> true);

    long deleted = report.deletedForSize();
    assertThat(deleted).isGreaterThan(1_000);
    assertThat(report.undelivered()).isEqualTo(Map.of("kafka", deleted - 100));
    assertThat(ledger.deletedUndelivered()).isEqualTo(Map.of("kafka", deleted - 100));
    assertThat(report.paused()).isFalse();
  }

  @Test
  void pauseCaptureStopsStoringUntilTheOutputsCatchUp() throws Exception {
    EventStore store = open();
    fill(store, 1, 2_000, 4_000);
    DeliveryLedger ledger = new DeliveryLedger(store);
    ledger.saveCursor("kafka", 100);
    StoreWriter writer = writer(store, 3_000); // the seq of the gap event it makes
    RetentionSettings full = RetentionSettings.off().withMaxBytes(2 * MIB).withWhenFull(WhenFull.PAUSE_CAPTURE);
    RetentionSweep sweep = new RetentionSweep(store, full, name -> true, writer, Clock.systemUTC());
    open.add(sweep);

    RetentionSweep.Report first = sweep.sweep();
    assertThat(first.paused()).isTrue();
    assertThat(first.deletedForSize()).isEqualTo(100); // the delivered ones only
    assertThat(first.undelivered()).isEmpty();
    writer.accept(frame(2_001, WS, 10));
    assertThat(writer.stats().droppedEvents()).isEqualTo(1);

    ledger.saveCursor("kafka", 2_000); // the output caught up
    RetentionSweep.Report second = sweep.sweep();
    assertThat(second.paused()).isFalse();
    assertThat(second.usedBytes()).isLessThanOrEqualTo(2 * MIB);
    writer.accept(frame(2_002, WS, 10));
    writer.close();

    List<CaptureEvent> last = store.query(EventQuery.all().withAfterSeq(2_000));
    assertThat(last).extracting(CaptureEvent::seq).containsExactly(2_002L, 3_000L);
    CaptureGapEvent gap = (CaptureGapEvent) last.get(1);
    assertThat(gap.droppedEvents()).isEqualTo(1);
    assertThat(gap.reason()).startsWith("capture paused: the store reached its max_size of 2MiB");
    assertThat(new DeliveryLedger(store).deletedUndelivered()).isEmpty();
  }

  @Test
  void aPausedCaptureResumesOnceWhatTheOutputsTookIsDeletedThoughTheStoreIsAlreadyUnderItsCap() throws Exception {
    EventStore store = open();
    fill(store, 1, 2_000, 4_000);
    new DeliveryLedger(store).saveCursor("kafka", 2_000); // everything delivered since the pause
    long used = sweep(store, RetentionSettings.off(), name -> true).usedBytes();
    RetentionSettings cap = RetentionSettings.off().withMaxBytes(used + used / 20)
        .withWhenFull(WhenFull.PAUSE_CAPTURE);
    StoreWriter writer = writer(store, 3_000);
    writer.pause("the store reached its max_size");

    try (RetentionSweep sweep = new RetentionSweep(store, cap, name -> true, writer, Clock.systemUTC())) {
      RetentionSweep.Report report = sweep.sweep();
      assertThat(report.deletedForSize()).isPositive();
      assertThat(report.usedBytes()).isLessThanOrEqualTo(cap.maxBytes() * 9 / 10);
      assertThat(report.paused()).isFalse();
      assertThat(writer.paused()).isFalse();
    }
  }

  @Test
  void aStoreMadeBeforeIncrementalVacuumIsSwitchedOnceWhenOpened() throws Exception {
    Path file = dir.resolve(EventStore.FILE_NAME);
    try (EventStore store = EventStore.open(dir)) {
      fill(store, 1, 10, 10);
    }
    // As a store of schema version 4 was: no retention table nor search index, pages never returned.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate("DROP TABLE retention_drops");
      s.executeUpdate("DROP TABLE event_text");
      s.executeUpdate("DROP TABLE event_time_spans");
      s.executeUpdate("PRAGMA auto_vacuum = NONE");
      s.executeUpdate("VACUUM");
      s.executeUpdate("PRAGMA user_version = 4");
    }
    assertThat(pragma(file, "auto_vacuum")).isZero();

    try (EventStore store = EventStore.open(dir)) {
      assertThat(store.maxSeq()).isEqualTo(10);
      assertThat(new DeliveryLedger(store).deletedUndelivered()).isEmpty();
    }
    assertThat(pragma(file, "auto_vacuum")).isEqualTo(2); // incremental
    assertThat(pragma(file, "user_version")).isEqualTo(Migrations.latestVersion());
  }

  @Test
  void aNewStoreIsIncrementalFromTheStart() throws Exception {
    open();
    assertThat(pragma(dir.resolve(EventStore.FILE_NAME), "auto_vacuum")).isEqualTo(2);
  }

  @Test
  void deadLettersAreKeptWithinTheirAgeAndNumber() throws Exception {
    EventStore store = open();
    DeliveryLedger ledger = new DeliveryLedger(store);
    Instant now = Instant.parse("2026-12-02T12:00:00Z");
    List<DeliveryLedger.DeadLetter> letters = new ArrayList<>();
    for (int day = 40; day >= 1; day--) {
      letters.add(new DeliveryLedger.DeadLetter(now.minus(Duration.ofDays(day)), "s", "kafka", day, "e" + day, "{}",
          "refused"));
    }
    ledger.addDeadLetters(letters);
    RetentionSettings settings = RetentionSettings.off().withDeadLetters(Duration.ofDays(30), 20);

    RetentionSweep.Report report = sweep(store, settings, name -> true, Clock.fixed(now, ZoneOffset.UTC));

    assertThat(report.deadLettersDeleted()).isEqualTo(20);
    assertThat(ledger.deadLetters(null, 100)).extracting(DeliveryLedger.DeadLetter::eventId)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).map(d -> 21 - d).mapToObj(d -> "e" + d).toList());
  }

  @Test
  void chromiumLogPastItsSizeIsKeptAsOnePreviousCopyAndStartedAgain() throws Exception {
    EventStore store = open();
    Path log = dir.resolve("chromium.log");
    Files.writeString(log, "x".repeat(2_000));

    sweep(store, RetentionSettings.off().withChromiumLogMaxBytes(1_000), name -> true);

    assertThat(Files.size(log)).isZero();
    assertThat(Files.readString(dir.resolve("chromium.log.1"))).hasSize(2_000);
    Files.writeString(log, "short");
    sweep(store, RetentionSettings.off().withChromiumLogMaxBytes(1_000), name -> true);
    assertThat(Files.readString(log)).isEqualTo("short");
  }

  private EventStore open() throws StoreException {
    EventStore store = EventStore.open(dir);
    open.add(store);
    return store;
  }

  private StoreWriter writer(EventStore store, long nextSeq) {
    StoreWriter writer = new StoreWriter(store, new RingBuffer(), new EventStamps(nextSeq),
        StoreWriter.Settings.defaults());
    open.add(writer);
    return writer;
  }

  private RetentionSweep.Report sweep(EventStore store, RetentionSettings settings, Predicate<String> delivering)
      throws InterruptedException {
    return sweep(store, settings, delivering, Clock.systemUTC());
  }

  private RetentionSweep.Report sweep(EventStore store, RetentionSettings settings, Predicate<String> delivering,
      Clock clock) throws InterruptedException {
    try (RetentionSweep sweep = new RetentionSweep(store, settings, delivering, writer(store, store.maxSeq() + 1),
        clock)) {
      return sweep.sweep();
    }
  }

  private static void fill(EventStore store, long from, long to, int payloadChars) {
    List<CaptureEvent> batch = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      batch.add(frame(seq, WS, payloadChars));
      if (batch.size() == 500) {
        store.insert(batch);
        batch.clear();
      }
    }
    store.insert(batch);
  }

  private static List<Long> seqs(EventStore store) {
    return store.query(EventQuery.all()).stream().map(CaptureEvent::seq).toList();
  }

  private static void checkpoint(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }

  private static long count(Path file, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long pragma(Path file, String name) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
