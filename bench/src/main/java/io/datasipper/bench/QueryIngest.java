package io.datasipper.bench;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the bench's events through {@link EventStore#insert}, in batches as the capture's writer
 * does, into one store per {@link Schema}, timing the inserts only (not the making of the events).
 * The stores take each chunk of events in turn, in a rotating order, so that a busy moment of
 * the machine or a JIT still warming up weighs on every schema alike.
 */
final class QueryIngest {
  private static final int CHUNK = 20_000;

  /** What the store's schema holds while the events are written. */
  enum Schema {
    /** No event_keys table: the events table alone, with its primary key and unique id. */
    NO_KEYS("the events table alone: no event_keys table, no full-text index (the baseline)"),
    /** The event_keys table and its indexes without the full-text index: what the search costs. */
    NO_TEXT("event_keys table and its 6 indexes, no full-text index (the store before search)"),
    /** This version's: the event_keys table and its six indexes, and the full-text index. */
    FULL("event_keys, its 6 indexes and the full-text index of URLs and text bodies (this version)"),
    /** As FULL, written as the capture's writer writes: the keys and words of a batch may wait for later ones. */
    CAPTURE("the same, as the capture's writer writes: events at once, their keys and words every 500 events"
        + " (EventStore.append)");

    final String description;

    Schema(String description) {
      this.description = description;
    }
  }

  record Result(Schema schema, long events, long insertNanos, long bytes) {
    double eventsPerSecond() {
      return events / (insertNanos / 1e9);
    }
  }

  private QueryIngest() {}

  /**
   * Writes events 1 to {@code events} into a store of each schema under {@code work}, after an
   * untimed warm-up store of {@code CHUNK} events. The stores are left in {@code work/<schema>}.
   */
  static List<Result> compare(Path work, long events, int batchSize) throws StoreException, SQLException, IOException {
    warmUp(work.resolve("warm-up"), batchSize);
    Map<Schema, Writer> stores = new EnumMap<>(Schema.class);
    Map<Schema, Long> nanos = new EnumMap<>(Schema.class);
    try {
      for (Schema schema : Schema.values()) {
        Path dir = dirOf(work, schema);
        EventStore store = EventStore.open(dir);
        Path file = dir.resolve(EventStore.FILE_NAME);
        if (schema == Schema.NO_KEYS) {
          store.close();
          EventsOnlyWriter raw = new EventsOnlyWriter(file);
          stores.put(schema, new Writer(raw::insert, raw::close));
        } else if (schema == Schema.CAPTURE) {
          stores.put(schema, new Writer(store::append, store::close));
        } else {
          dropTextIndex(file, schema);
          stores.put(schema, new Writer(store::insert, store::close));
        }
        nanos.put(schema, 0L);
      }
      int turn = 0;
      for (long first = 1; first <= events; first += CHUNK, turn++) {
        List<List<CaptureEvent>> batches = batches(first, Math.min(events, first + CHUNK - 1), batchSize);
        for (int i = 0; i < Schema.values().length; i++) {
          Schema schema = Schema.values()[(turn + i) % Schema.values().length];
          nanos.merge(schema, insert(stores.get(schema), batches), Long::sum);
        }
      }
    } finally {
      for (Writer w : stores.values()) {
        w.close().run();
      }
    }
    List<Result> results = new ArrayList<>();
    for (Schema schema : Schema.values()) {
      results.add(new Result(schema, events, nanos.get(schema), sizeOf(dirOf(work, schema))));
    }
    return results;
  }

  /** Adds events {@code from} to {@code to} to the store in {@code dir} (made if missing). */
  static void fill(Path dir, long from, long to, int batchSize) throws StoreException {
    try (EventStore store = EventStore.open(dir)) {
      for (long first = from; first <= to; first += CHUNK) {
        insert(store, batches(first, Math.min(to, first + CHUNK - 1), batchSize));
      }
    }
  }

  static Path dirOf(Path work, Schema schema) {
    return work.resolve(schema.name().toLowerCase(java.util.Locale.ROOT));
  }

  static long sizeOf(Path dir) throws IOException {
    long bytes = 0;
    for (String name : List.of(EventStore.FILE_NAME, EventStore.FILE_NAME + "-wal")) {
      Path f = dir.resolve(name);
      if (Files.exists(f)) {
        bytes += Files.size(f);
      }
    }
    return bytes;
  }

  private static void warmUp(Path dir, int batchSize) throws StoreException, IOException {
    fill(dir, 1, CHUNK, batchSize);
    BenchFiles.deleteTree(dir);
  }

  /** A store being written, however: its insert and how to close it. */
  private record Writer(Consumer<List<CaptureEvent>> insert, Closer close) {}

  @FunctionalInterface
  private interface Closer {
    void run() throws SQLException;
  }

  private static long insert(EventStore store, List<List<CaptureEvent>> batches) {
    return insert(store::insert, batches);
  }

  private static long insert(Writer w, List<List<CaptureEvent>> batches) {
    return insert(w.insert(), batches);
  }

  private static long insert(Consumer<List<CaptureEvent>> insert, List<List<CaptureEvent>> batches) {
    long nanos = 0;
    for (List<CaptureEvent> batch : batches) {
      long start = System.nanoTime();
      insert.accept(batch);
      nanos += System.nanoTime() - start;
    }
    return nanos;
  }

  private static List<List<CaptureEvent>> batches(long from, long to, int batchSize) {
    List<List<CaptureEvent>> batches = new ArrayList<>();
    List<CaptureEvent> batch = new ArrayList<>(batchSize);
    for (long seq = from; seq <= to; seq++) {
      batch.add(QueryTraffic.event(seq));
      if (batch.size() == batchSize || seq == to) {
        batches.add(batch);
        batch = new ArrayList<>(batchSize);
      }
    }
    return batches;
  }

  /**
   * How long opening the store in {@code dir} takes when it was written by the version before the
   * full-text index (schema 5): the migration indexes the stored events' URLs and text bodies. Makes
   * the store such a store first: this schema without the text index and the time spans.
   */
  static long migrationNanos(Path dir) throws SQLException, StoreException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(EventStore.FILE_NAME));
        Statement s = c.createStatement()) {
      s.executeUpdate("DROP TABLE event_text");
      s.executeUpdate("DROP TABLE event_time_spans");
      s.executeUpdate("PRAGMA user_version = 5");
    }
    long start = System.nanoTime();
    EventStore.open(dir).close();
    return System.nanoTime() - start;
  }

  /**
   * Replaces the full-text index by a view that takes the store's inserts into it and keeps
   * nothing, so that the store writes everything else as this version does.
   */
  static void dropTextIndex(Path file, Schema schema) throws SQLException {
    if (schema != Schema.NO_TEXT) {
      return;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate("DROP TABLE event_text");
      s.executeUpdate("CREATE VIEW event_text (rowid, url, body) AS SELECT 0, '', '' WHERE 0");
      s.executeUpdate("CREATE TRIGGER event_text_kept_nowhere INSTEAD OF INSERT ON event_text BEGIN SELECT 1; END");
    }
  }
}
