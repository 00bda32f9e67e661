package io.datasipper.store;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the store writes about each event beside its row, for pages and searches: its keys
 * ({@link EventKeys}), its words in the full-text index ({@link EventText}) and the time span of
 * its block of seqs ({@link TimeSpans}).
 *
 * <p>Each of those tables has its own B-trees, and a transaction writes every page it touches in
 * them to the write-ahead log: a few events a transaction, as the capture's writer commits them
 * (every 10 ms), cost as many pages as hundreds. So the capture's events may {@link #defer} their
 * index entries: they wait in memory until {@link #MAX_WAITING} wait or the oldest has waited
 * {@link #MAX_DELAY_NANOS}, and are then written in the transaction at hand. Should the process
 * die meanwhile, the table {@code unindexed_events} holds the lowest seq whose entries wait, and
 * {@link #recover} writes them from the stored events before the next process that writes events
 * into the store writes its first.
 *
 * <p>Not thread-safe: used under the store's write lock, except {@link #dueInNanos}. The methods
 * that take a connection run in the store's open write transaction; what they change here takes
 * effect when it {@link #committed} and is forgotten when it is {@link #abandoned}.
 */
final class EventIndex {
  static final int MAX_WAITING = 500;
  static final long MAX_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  /** Text bodies can be large: the waiting entries hold at most about this many chars of them. */
  private static final long MAX_WAITING_CHARS = 4L * 1024 * 1024;
  private static final int RECOVERY_BATCH = 500;

  /** One event's entries; {@code text} is null where there is nothing to search (an encrypted store). */
  record Entry(EventKeys keys, EventText text) {
    static Entry of(CaptureEvent e, StoreCipher cipher) {
      return new Entry(EventKeys.of(e, cipher), cipher.encrypts() ? null : EventText.of(e));
    }

    long chars() {
      return text == null ? 0 : (text.url() == null ? 0 : text.url().length())
          + (text.body() == null ? 0 : text.body().length());
    }
  }

  private final List<Entry> waiting = new ArrayList<>();
  private long waitingChars;
  private long oldestWaitingNanos;
  /** When the waiting entries are due: read by the writer thread to know when to come back. */
  private volatile long dueAtNanos = Long.MAX_VALUE;
  /** The seq stored in unindexed_events, or Long.MAX_VALUE when it holds none. */
  private long markedFrom = Long.MAX_VALUE;

  // What the open transaction did.
  private boolean txWroteWaiting;
  private final List<Entry> txDeferred = new ArrayList<>();
  private long txDeferredChars;
  private long txMarkedFrom = Long.MAX_VALUE;

  /** Writes {@code entries} now, after the waiting ones if the transaction has not written them. */
  void write(Connection c, List<Entry> entries) throws SQLException {
    List<Entry> all = entries;
    if (!txWroteWaiting && !waiting.isEmpty()) {
      all = new ArrayList<>(waiting);
      all.addAll(entries);
    }
    insert(c, all);
    if (!txWroteWaiting && (markedFrom != Long.MAX_VALUE || txMarkedFrom != Long.MAX_VALUE)) {
      unmark(c);
    }
    txWroteWaiting = true;
  }

  /** Writes {@code entries} with the waiting ones if they are due, else leaves them waiting too. */
  void defer(Connection c, List<Entry> entries, long nowNanos) throws SQLException {
    long chars = entries.stream().mapToLong(Entry::chars).sum();
    boolean due = txWroteWaiting
        || waiting.size() + entries.size() >= MAX_WAITING
        || waitingChars + chars >= MAX_WAITING_CHARS
        || (!waiting.isEmpty() && nowNanos - oldestWaitingNanos >= MAX_DELAY_NANOS);
    if (due) {
      write(c, entries);
      return;
    }
    long lowest = entries.stream().mapToLong(e -> e.keys().seq()).min().orElse(Long.MAX_VALUE);
    // Seqs are handed out before events are queued, by several threads: a later batch may hold a lower one.
    if (lowest < Math.min(markedFrom, txMarkedFrom)) {
      unmark(c);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO unindexed_events (from_seq) VALUES (?)")) {
        ps.setLong(1, lowest);
        ps.executeUpdate();
      }
      txMarkedFrom = lowest;
    }
    txDeferred.addAll(entries);
    txDeferredChars += chars;
  }

  /** Whether entries wait to be written. */
  boolean hasWaiting() {
    return !waiting.isEmpty();
  }

  /** Nanoseconds until the waiting entries are due (0 or less: now); Long.MAX_VALUE when none wait. */
  long dueInNanos(long nowNanos) {
    long due = dueAtNanos;
    return due == Long.MAX_VALUE ? Long.MAX_VALUE : due - nowNanos;
  }

  /** The open transaction committed: what it wrote no longer waits, what it deferred does. */
  void committed(long nowNanos) {
    if (txWroteWaiting) {
      waiting.clear();
      waitingChars = 0;
      markedFrom = Long.MAX_VALUE;
    }
    if (!txDeferred.isEmpty()) {
      if (waiting.isEmpty()) {
        oldestWaitingNanos = nowNanos;
      }
      waiting.addAll(txDeferred);
      waitingChars += txDeferredChars;
    }
    markedFrom = Math.min(markedFrom, txMarkedFrom);
    dueAtNanos = waiting.isEmpty() ? Long.MAX_VALUE : oldestWaitingNanos + MAX_DELAY_NANOS;
    abandoned();
  }

  /** The open transaction was rolled back: nothing of it happened. */
  void abandoned() {
    txWroteWaiting = false;
    txDeferred.clear();
    txDeferredChars = 0;
    txMarkedFrom = Long.MAX_VALUE;
  }

  /**
   * Writes the entries of the events a process that died left waiting, from the stored events, in
   * the open transaction. An event whose JSON cannot be read gets its type and time, as a store's
   * migration gives it.
   */
  static void recover(Connection c, StoreCipher cipher) throws SQLException {
    long from;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT min(from_seq) FROM unindexed_events")) {
      rs.next();
      from = rs.getLong(1);
      if (rs.wasNull()) {
        return;
      }
    }
    String sql = "SELECT e.seq, e.type, e.ts, e.json FROM events AS e WHERE e.seq >= ?"
        + " AND NOT EXISTS (SELECT 1 FROM event_keys AS k WHERE k.seq = e.seq) ORDER BY e.seq LIMIT " + RECOVERY_BATCH;
    long after = from;
    boolean more = true;
    while (more) {
      List<Entry> entries = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, after);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            entries.add(entryOf(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), cipher));
          }
        }
      }
      insert(c, entries);
      more = entries.size() == RECOVERY_BATCH;
      after = more ? entries.getLast().keys().seq() + 1 : after;
    }
    unmark(c);
  }

  private static void unmark(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM unindexed_events");
    }
  }

  private static Entry entryOf(long seq, String type, String ts, byte[] json, StoreCipher cipher) {
    try {
      return Entry.of(EventJson.read(cipher.open(EventColumns.JSON, seq, json)), cipher);
    } catch (IllegalArgumentException e) {
      return new Entry(new EventKeys(seq, type, ts, null, null, null, null, null), null);
    }
  }

  /**
   * Writes the entries of events that have none yet: should two writers both have written an event's
   * entries (one recovering what the other still holds), the second skips them instead of failing.
   */
  private static void insert(Connection c, List<Entry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    int[] inserted;
    try (PreparedStatement ps = c.prepareStatement(EventKeys.INSERT)) {
      for (Entry e : entries) {
        EventKeys k = e.keys();
        ps.setLong(1, k.seq());
        ps.setString(2, k.type());
        ps.setString(3, k.ts());
        ps.setString(4, k.url());
        ps.setString(5, k.host());
        ps.setString(6, k.method());
        ps.setObject(7, k.status());
        ps.setString(8, k.tab());
        ps.addBatch();
      }
      inserted = ps.executeBatch();
    }
    List<EventKeys> added = new ArrayList<>(entries.size());
    try (PreparedStatement ps = c.prepareStatement(EventText.INSERT)) {
      for (int i = 0; i < entries.size(); i++) {
        if (inserted[i] == 0) {
          continue;
        }
        added.add(entries.get(i).keys());
        EventText t = entries.get(i).text();
        if (t != null && !t.isEmpty()) {
          ps.setLong(1, t.seq());
          ps.setString(2, t.url());
          ps.setString(3, t.body());
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
    TimeSpans.record(c, added);
  }
}
