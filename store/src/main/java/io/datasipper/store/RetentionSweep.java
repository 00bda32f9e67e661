package io.datasipper.store;

import io.datasipper.api.json.IsoInstants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a data directory within its {@link RetentionSettings}: deletes the oldest events past the
 * age or size limit and gives their pages back to the file system, trims the dead letters and
 * rotates {@code chromium.log}.
 *
 * <p>It never holds up the capture: it works on a connection of its own, in transactions of at
 * most {@link #BATCH} events, and after each one waits as long as it took, so that the store's
 * writer gets the write lock at least half the time.
 *
 * <p>An event above the cursor of an output that is delivering is kept past the age limit. Past
 * the size limit, events that every output has taken go first; if only undelivered ones are left,
 * {@link RetentionSettings.WhenFull} decides: delete them (each counted, in the store, per output
 * that had not taken it) or pause the capture until the outputs have caught up.
 */
public final class RetentionSweep implements AutoCloseable {
  /** The most events deleted in one transaction: a few milliseconds of the write lock. */
  static final int BATCH = 1_000;
  /**
   * A sweep forced to delete brings the store down to this share of its cap, so that it does not
   * delete again at every write; a capture paused for a full store resumes there.
   */
  private static final double SIZE_TARGET = 0.9;
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);

  /**
   * What one sweep did.
   *
   * @param deletedForAge events deleted for being older than the age limit
   * @param deletedForSize events deleted to bring the store under its size limit
   * @param undelivered of the deleted events, how many each output had not taken yet
   * @param usedBytes what the database holds after the sweep (its pages in use)
   * @param paused whether the capture is paused after the sweep
   * @param deadLettersDeleted dead letters deleted for their age or number
   */
  public record Report(long deletedForAge, long deletedForSize, Map<String, Long> undelivered, long usedBytes,
      boolean paused, long deadLettersDeleted) {}

  private final EventStore store;
  private final RetentionSettings settings;
  private final Predicate<String> delivering;
  private final StoreWriter writer;
  private final Clock clock;
  private final ChromiumLog chromiumLog;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("datasipper-retention").daemon().factory());
  /** Used by one sweep at a time: sweeps run on the timer's one thread, or by a caller of {@link #sweep}. */
  private Connection connection;

  /**
   * @param delivering whether the output of that name is delivering now (events it has not taken
   *     are kept for it); an output that is failing, stopped or no longer configured is not
   * @param writer the capture's writer, paused when the store is full and the policy says so
   */
  public RetentionSweep(EventStore store, RetentionSettings settings, Predicate<String> delivering, StoreWriter writer,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.delivering = Objects.requireNonNull(delivering, "delivering");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.chromiumLog = new ChromiumLog(store.dataDir().resolve(ChromiumLog.FILE_NAME), settings.chromiumLogMaxBytes());
  }

  /** Sweeps now, then every {@code interval}, on a thread of its own, until {@link #close}. */
  public RetentionSweep start(Duration interval) {
    timer.scheduleWithFixedDelay(this::sweepLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void sweepLogged() {
    try {
      sweep();
    } catch (RuntimeException e) {
      LOG.warn("the retention sweep failed; it runs again later: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One sweep, on the calling thread. Logs one line if it deleted events an output had not taken. */
  public synchronized Report sweep() throws InterruptedException {
    chromiumLog.rotateIfOver();
    try {
      if (connection == null) {
        connection = store.openWriteConnection();
      }
      Report report = sweep(connection);
      if (!report.undelivered().isEmpty()) {
        LOG.warn("retention: deleted {} events past {} ({} for age, {} for size); not yet delivered: {}",
            report.deletedForAge() + report.deletedForSize(), limits(), report.deletedForAge(),
            report.deletedForSize(), report.undelivered().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
      } else if (report.deletedForAge() + report.deletedForSize() > 0) {
        LOG.info("retention: deleted {} events past {}", report.deletedForAge() + report.deletedForSize(), limits());
      }
      return report;
    } catch (SQLException e) {
      throw store.failure("sweeping old events", e);
    }
  }

  private Report sweep(Connection c) throws SQLException, InterruptedException {
    Map<String, Long> cursors = cursors(c);
    // Events above this seq are kept for an output that is delivering.
    long keepAbove = cursors.entrySet().stream().filter(e -> delivering.test(e.getKey()))
        .mapToLong(Map.Entry::getValue).min().orElse(Long.MAX_VALUE);
    Map<String, Long> undelivered = new TreeMap<>();
    long forAge = deleteForAge(c, keepAbove, cursors, undelivered);
    long forSize = settings.maxBytes() > 0 ? deleteForSize(c, keepAbove, cursors, undelivered) : 0;
    long letters = trimDeadLetters(c);
    checkpoint(c);
    return new Report(forAge, forSize, undelivered, usedBytes(c), writer.paused(), letters);
  }

  private long deleteForAge(Connection c, long keepAbove, Map<String, Long> cursors, Map<String, Long> undelivered)
      throws SQLException, InterruptedException {
    if (settings.maxAge().isZero()) {
      return 0;
    }
    String cutoff = IsoInstants.formatNanos(clock.instant().minus(settings.maxAge()));
    long deleted = 0;
    while (true) {
      List<Long> oldest = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, ts FROM events ORDER BY seq LIMIT ?")) {
        ps.setInt(1, BATCH);
        try (ResultSet rs = ps.executeQuery()) {
          // Events are stored in the order they were captured: the expired ones are a prefix.
          while (rs.next() && rs.getLong(1) <= keepAbove && expired(rs.getString(2), cutoff)) {
            oldest.add(rs.getLong(1));
          }
        }
      }
      if (oldest.isEmpty()) {
        return deleted;
      }
      delete(c, oldest, cursors, undelivered);
      deleted += oldest.size();
      if (oldest.size() < BATCH) {
        return deleted;
      }
    }
  }

  /** An event without a time has none to keep it by: it goes with the expired ones around it. */
  private static boolean expired(String ts, String cutoff) {
    return ts == null || ts.compareTo(cutoff) < 0;
  }

  /**
   * Deletes the oldest events until the store is back under {@link #SIZE_TARGET} of its cap, once
   * it is over the cap; pauses or resumes the capture as {@code when_full} says. A paused capture
   * keeps the sweep deleting (what the outputs have taken since) until it can resume.
   *
   * @return how many events were deleted
   */
  private long deleteForSize(Connection c, long keepAbove, Map<String, Long> cursors, Map<String, Long> undelivered)
      throws SQLException, InterruptedException {
    long used = usedBytes(c);
    long target = (long) (settings.maxBytes() * SIZE_TARGET);
    long deleted = 0;
    if (used > settings.maxBytes() || writer.paused()) {
      while (used > target) {
        long[] span = seqSpan(c);
        if (span == null) {
          break;
        }
        long perEvent = Math.max(1, used / (span[1] - span[0] + 1));
        int n = Math.clamp((used - target + perEvent - 1) / perEvent, 1, BATCH);
        List<Long> oldest = oldest(c, n);
        List<Long> delivered = oldest.stream().filter(seq -> seq <= keepAbove).toList();
        if (delivered.isEmpty() && settings.whenFull() == RetentionSettings.WhenFull.PAUSE_CAPTURE) {
          writer.pause("the store reached its max_size of " + mib(settings.maxBytes())
              + " and holds only events an output has not delivered yet (when_full: pause_capture)");
          return deleted;
        }
        List<Long> doomed = delivered.isEmpty() ? oldest : delivered;
        delete(c, doomed, cursors, undelivered);
        deleted += doomed.size();
        used = usedBytes(c);
      }
    }
    if (used <= target) {
      writer.resume();
    }
    return deleted;
  }

  /**
   * Deletes the given events (a prefix of the stored ones, oldest first) and their keys in one
   * transaction, counting those each output had not taken, then gives the freed pages back. Waits
   * as long as that took before returning, leaving the write lock to the store's writer.
   */
  private void delete(Connection c, List<Long> seqs, Map<String, Long> cursors, Map<String, Long> undelivered)
      throws SQLException, InterruptedException {
    long started = System.nanoTime();
    long last = seqs.getLast();
    Map<String, Long> missed = new LinkedHashMap<>();
    cursors.forEach((output, cursor) -> {
      long n = seqs.stream().filter(seq -> seq > cursor).count();
      if (n > 0) {
        missed.put(output, n);
      }
    });
    c.setAutoCommit(false);
    try {
      // What a stored event adds elsewhere goes with it: its keys, its words in the search index,
      // and the time spans of the blocks of seqs now wholly deleted.
      for (String delete : List.of("DELETE FROM events WHERE seq <= ?", "DELETE FROM event_keys WHERE seq <= ?",
          "DELETE FROM event_text WHERE rowid <= ?",
          "DELETE FROM event_time_spans WHERE block < (? + 1) >> " + TimeSpans.BLOCK_BITS)) {
        try (PreparedStatement ps = c.prepareStatement(delete)) {
          ps.setLong(1, last);
          ps.executeUpdate();
        }
      }
      try (Statement st = c.createStatement()) {
        st.executeUpdate("DELETE FROM deleted_through");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO deleted_through (seq) VALUES (?)")) {
        ps.setLong(1, last);
        ps.executeUpdate();
      }
      if (!missed.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO retention_drops (output, events, updated_at)"
            + " VALUES (?, ?, ?) ON CONFLICT (output) DO UPDATE SET events = events + excluded.events,"
            + " updated_at = excluded.updated_at")) {
          String now = EventStore.formatTime(clock.instant());
          for (Map.Entry<String, Long> e : missed.entrySet()) {
            ps.setString(1, e.getKey());
            ps.setLong(2, e.getValue());
            ps.setString(3, now);
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
    missed.forEach((output, n) -> undelivered.merge(output, n, Long::sum));
    vacuum(c);
    TimeUnit.NANOSECONDS.sleep(System.nanoTime() - started);
  }

  /**
   * Returns the free pages to the file system (a file made before incremental vacuum was on keeps
   * them for reuse). The driver may step the statement only once, which returns one page, so it is
   * run again while pages are left and it makes progress.
   */
  private static void vacuum(Connection c) throws SQLException {
    long free = pragma(c, "freelist_count");
    try (Statement s = c.createStatement()) {
      while (free > 0) {
        s.executeUpdate("PRAGMA incremental_vacuum(" + free + ")");
        long left = pragma(c, "freelist_count");
        if (left >= free) {
          return;
        }
        free = left;
      }
    }
  }

  /** Lets the WAL's pages into the database file without waiting for readers or the writer. */
  private static void checkpoint(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      rs.next();
    }
  }

  private long trimDeadLetters(Connection c) throws SQLException {
    long deleted = 0;
    // A requeued letter waits for its output: deleting it would quietly cancel the redelivery.
    if (!settings.deadLettersMaxAge().isZero()) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM dead_letters WHERE at < ? AND state <> 'requeued'")) {
        ps.setString(1, EventStore.formatTime(clock.instant().minus(settings.deadLettersMaxAge())));
        deleted += ps.executeUpdate();
      }
    }
    if (settings.deadLettersMaxCount() > 0) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM dead_letters WHERE state <> 'requeued' AND id <="
          + " (SELECT id FROM dead_letters ORDER BY id DESC LIMIT 1 OFFSET ?)")) {
        ps.setLong(1, settings.deadLettersMaxCount());
        deleted += ps.executeUpdate();
      }
    }
    if (deleted > 0) {
      vacuum(c);
      LOG.info("retention: deleted {} dead letters", deleted);
    }
    return deleted;
  }

  private static Map<String, Long> cursors(Connection c) throws SQLException {
    Map<String, Long> cursors = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT output, seq FROM delivery_cursors ORDER BY output");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        cursors.put(rs.getString(1), rs.getLong(2));
      }
    }
    return cursors;
  }

  private static List<Long> oldest(Connection c, int n) throws SQLException {
    List<Long> seqs = new ArrayList<>(n);
    try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM events ORDER BY seq LIMIT ?")) {
      ps.setInt(1, n);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          seqs.add(rs.getLong(1));
        }
      }
    }
    return seqs;
  }

  /** The lowest and highest seq stored, or null for an empty store: both found in the primary key at once. */
  private static long[] seqSpan(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT (SELECT seq FROM events ORDER BY seq LIMIT 1), (SELECT seq FROM events ORDER BY seq DESC LIMIT 1)");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      long low = rs.getLong(1);
      return rs.wasNull() ? null : new long[] {low, rs.getLong(2)};
    }
  }

  /** The bytes the database's pages in use take: what the file shrinks to once its free pages are returned. */
  private static long usedBytes(Connection c) throws SQLException {
    return (pragma(c, "page_count") - pragma(c, "freelist_count")) * pragma(c, "page_size");
  }

  private static long pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private String limits() {
    List<String> limits = new ArrayList<>();
    if (!settings.maxAge().isZero()) {
      limits.add("retention " + age(settings.maxAge()));
    }
    if (settings.maxBytes() > 0) {
      limits.add("max_size " + mib(settings.maxBytes()));
    }
    return String.join(" / ", limits);
  }

  /** A duration as the config file writes it: 7d, 12h, 30m, 45s. */
  private static String age(Duration d) {
    long s = d.toSeconds();
    return s % 86_400 == 0 ? s / 86_400 + "d" : s % 3_600 == 0 ? s / 3_600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  private static String mib(long bytes) {
    return bytes % (1 << 20) == 0 ? (bytes >> 20) + "MiB" : bytes + " bytes";
  }

  /** Stops the timer, waiting for a sweep under way to finish its batch. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException ignored) {
          // Closing: nothing more to do with it.
        }
        connection = null;
      }
    }
  }
}
