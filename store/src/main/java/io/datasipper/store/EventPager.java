package io.datasipper.store;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.store.PageQuery.Order;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Reads one {@link PageQuery} page in two steps, each bounded whatever the filter and the depth.
 *
 * <p>First it picks how to walk the candidates in seq order: the index of the filter's most
 * selective equality (host, tab, method, one type, one status), or of a status or time range that
 * holds few events, or else the table by seq, and marks the window of at most a budget of
 * candidates from the page's starting cursor. Then it
 * reads the window's candidates that match the whole filter, stopping at the page's limit. A
 * filter that matches rarely thus costs one window, not a scan of the whole store: the page
 * comes back short, with the window's edge as the cursor to go on from. When a predicate in Java
 * (a stream's rules) tests the candidates too, reading each whole, the page also stops after
 * {@link #PREDICATE_NANOS}, with the last candidate it examined as the cursor.
 *
 * <p>SQLite's planner is not left to choose: without statistics it may well sort every event of
 * a status range to serve the first 100 by seq. {@code INDEXED BY} and {@code CROSS JOIN} fix the
 * plan to the one whose cost this class bounds.
 */
final class EventPager {
  /**
   * Candidates one page examines with SQL terms only, walking the table by seq: short rows read in
   * order, 20,000 of them in a few milliseconds (bench/query).
   */
  static final int TABLE_BUDGET = 20_000;
  /**
   * Candidates one page examines with SQL terms only, walking an index: each costs a lookup of its
   * row elsewhere in the table, so fewer of them fit the same time.
   */
  static final int INDEX_BUDGET = 5_000;
  /**
   * Candidates one page examines through the index of a status or time range: all of the range's,
   * sorted by seq, so a range that holds few events is served whole at any depth. A wider range is
   * walked by seq instead.
   */
  static final int RANGE_BUDGET = 10_000;
  /** Candidates one page examines when each is also read and tested in Java (a stream's rules). */
  static final int PREDICATE_BUDGET = 10_000;
  /**
   * How long a page may spend reading and testing candidates in Java: reading an event whole costs
   * tens of microseconds, so on a busy machine 10,000 of them could take half a second.
   */
  static final long PREDICATE_NANOS = 15_000_000;

  private final BiFunction<Long, byte[], CaptureEvent> reader;
  private final int tableBudget;
  private final int indexBudget;
  private final int rangeBudget;
  private final int predicateBudget;
  private final long predicateNanos;
  private final LongSupplier nanoTime;

  /** The store's pager. */
  EventPager(BiFunction<Long, byte[], CaptureEvent> reader) {
    this(reader, TABLE_BUDGET, INDEX_BUDGET, RANGE_BUDGET, PREDICATE_BUDGET, PREDICATE_NANOS, System::nanoTime);
  }

  /** A pager with windows of {@code sqlBudget} candidates however it walks them (for tests). */
  EventPager(BiFunction<Long, byte[], CaptureEvent> reader, int sqlBudget, int predicateBudget) {
    this(reader, sqlBudget, sqlBudget, sqlBudget, predicateBudget, PREDICATE_NANOS, System::nanoTime);
  }

  EventPager(BiFunction<Long, byte[], CaptureEvent> reader, int sqlBudget, int predicateBudget, long predicateNanos,
      LongSupplier nanoTime) {
    this(reader, sqlBudget, sqlBudget, sqlBudget, predicateBudget, predicateNanos, nanoTime);
  }

  private EventPager(BiFunction<Long, byte[], CaptureEvent> reader, int tableBudget, int indexBudget, int rangeBudget,
      int predicateBudget, long predicateNanos, LongSupplier nanoTime) {
    this.reader = reader;
    this.tableBudget = tableBudget;
    this.indexBudget = indexBudget;
    this.rangeBudget = rangeBudget;
    this.predicateBudget = predicateBudget;
    this.predicateNanos = predicateNanos;
    this.nanoTime = nanoTime;
  }

  /** The candidates a page may examine: at most {@code count}, the last of them at seq {@code edge}. */
  private record Window(PageSql.Driver driver, long count, long edge, boolean cut) {}

  EventPage page(Connection c, PageQuery q, Predicate<CaptureEvent> keep) throws SQLException {
    PageSql sql = new PageSql(q.filter());
    int cap = keep == null ? Integer.MAX_VALUE : predicateBudget;
    Window window = null;
    if (sql.drivers.isEmpty()) {
      window = tableWindow(c, q, Math.min(tableBudget, cap));
    } else {
      for (PageSql.Driver d : sql.drivers) {
        Window w = d.seqOrdered() ? indexWindow(c, q, d, Math.min(indexBudget, cap)) : rangeWindow(c, q, d, Math.min(rangeBudget, cap));
        if (w != null && (window == null || w.count() < window.count())) {
          window = w;
        }
      }
      if (window == null) {
        window = tableWindow(c, q, Math.min(tableBudget, cap));
      }
    }
    if (window.count() == 0) {
      return new EventPage(List.of(), OptionalLong.empty(), 0);
    }
    Read read = read(c, q, sql, window, keep);
    List<StoredEvent> events = read.events();
    if (events.size() == q.limit()) {
      return new EventPage(events, OptionalLong.of(events.getLast().seq()), (int) window.count());
    }
    if (read.stoppedAfter() > 0) {
      return new EventPage(events, OptionalLong.of(read.stoppedAfter()), (int) window.count());
    }
    return new EventPage(events, window.cut() ? OptionalLong.of(window.edge()) : OptionalLong.empty(),
        (int) window.count());
  }

  /**
   * What a page read: its events, and the seq of the last candidate examined when it ran out of
   * time before the window's end (0 when it did not).
   */
  private record Read(List<StoredEvent> events, long stoppedAfter) {}

  /**
   * A window over the table by seq. Seqs are dense but for the few lost in a gap, so the window is
   * worked out from the first and last seq stored instead of walking {@code budget} rows to it.
   */
  private static Window tableWindow(Connection c, PageQuery q, int budget) throws SQLException {
    long first;
    long last;
    // Two lookups at the ends of the rowid range: min() and max() in one SELECT would scan between them.
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT (SELECT seq FROM event_keys WHERE seq > ?1 AND seq < ?2 ORDER BY seq LIMIT 1),"
            + " (SELECT seq FROM event_keys WHERE seq > ?1 AND seq < ?2 ORDER BY seq DESC LIMIT 1)")) {
      ps.setLong(1, q.after());
      ps.setLong(2, q.before());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        first = rs.getLong(1);
        if (rs.wasNull()) {
          return new Window(PageSql.Driver.TABLE, 0, 0, false);
        }
        last = rs.getLong(2);
      }
    }
    long span = last - first + 1;
    if (span <= budget) {
      return new Window(PageSql.Driver.TABLE, span, q.order() == Order.NEWEST ? first : last, false);
    }
    long edge = q.order() == Order.NEWEST ? last - budget + 1 : first + budget - 1;
    return new Window(PageSql.Driver.TABLE, budget, edge, true);
  }

  /**
   * A window over the index of a range (of statuses, of times), whose entries are not in seq order:
   * all the range's entries between the cursors when there are at most {@code budget} of them, to
   * be sorted by seq; null when there are more.
   */
  private static Window rangeWindow(Connection c, PageQuery q, PageSql.Driver d, int budget) throws SQLException {
    String sql = "SELECT count(*) FROM (SELECT 1 FROM event_keys AS k " + d.hint() + " WHERE " + d.terms()
        + " AND k.seq > ? AND k.seq < ? LIMIT ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (Object arg : d.args()) {
        ps.setObject(i++, arg);
      }
      ps.setLong(i++, q.after());
      ps.setLong(i++, q.before());
      ps.setInt(i, budget + 1);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long count = rs.getLong(1);
        return count > budget ? null : new Window(d, count, 0, false);
      }
    }
  }

  /** A window over the index of one equality: its next {@code budget} entries from the cursor. */
  private static Window indexWindow(Connection c, PageQuery q, PageSql.Driver d, int budget) throws SQLException {
    boolean newest = q.order() == Order.NEWEST;
    String sql = "SELECT count(*), " + (newest ? "min" : "max") + "(seq) FROM (SELECT k.seq FROM event_keys AS k "
        + d.hint() + " WHERE " + d.terms() + " AND k.seq > ? AND k.seq < ? ORDER BY k.seq " + (newest ? "DESC" : "ASC")
        + " LIMIT ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, d.args().getFirst());
      ps.setLong(2, q.after());
      ps.setLong(3, q.before());
      ps.setInt(4, budget);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long count = rs.getLong(1);
        return new Window(d, count, rs.getLong(2), count >= budget);
      }
    }
  }

  private Read read(Connection c, PageQuery q, PageSql filter, Window w, Predicate<CaptureEvent> keep)
      throws SQLException {
    boolean newest = q.order() == Order.NEWEST;
    long after = q.after();
    long before = q.before();
    if (w.cut()) {
      if (newest) {
        after = Math.max(after, w.edge() - 1);
      } else {
        before = Math.min(before, w.edge() + 1);
      }
    }
    String sql = "SELECT k.seq, e.id, e.type, e.json FROM event_keys AS k " + w.driver().hint()
        + " CROSS JOIN events AS e ON e.seq = k.seq WHERE k.seq > ? AND k.seq < ?" + filter.where()
        + " ORDER BY k.seq " + (newest ? "DESC" : "ASC") + (keep == null ? " LIMIT " + q.limit() : "");
    List<StoredEvent> events = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, after);
      ps.setLong(2, before);
      for (int i = 0; i < filter.args.size(); i++) {
        ps.setObject(i + 3, filter.args.get(i));
      }
      long deadline = nanoTime.getAsLong() + predicateNanos;
      try (ResultSet rs = ps.executeQuery()) {
        while (events.size() < q.limit() && rs.next()) {
          StoredEvent e = new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), reader);
          if (keep == null || kept(e, keep)) {
            events.add(e);
          } else if (nanoTime.getAsLong() - deadline > 0) {
            return new Read(events, e.seq());
          }
        }
      }
    }
    return new Read(events, 0);
  }

  /** An event the store cannot read back matches no rule: the rules have nothing to test. */
  private static boolean kept(StoredEvent e, Predicate<CaptureEvent> keep) {
    CaptureEvent event;
    try {
      event = e.event();
    } catch (UncheckedStoreException unreadable) {
      return false;
    }
    return keep.test(event);
  }
}
