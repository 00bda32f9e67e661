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
 * Reads one {@link PageQuery} page in windows of candidates, each bounded whatever the filter and
 * the depth.
 *
 * <p>A filter that one walk answers whole (one equality, a search alone) is read straight from it:
 * the page is its first {@code limit} entries. Otherwise the pager picks how to walk the candidates
 * in seq order: the index of the filter's most selective equality (host, tab, method, one type,
 * one status) or a search's full-text matches, or the index of a status or time range that holds
 * few events, or else the table by seq (past the blocks of seqs a time range has no events in, see
 * {@link TimeSpans}), and marks the window of at most a budget of candidates from the page's
 * starting cursor. Then it reads the window's candidates that match the whole filter, stopping at
 * the page's limit. A window without a match is passed over for the next one, so a page is never
 * empty while more events match; a window with some ends the page, short, with the window's edge
 * as the cursor to go on from. A filter that matches rarely thus costs a walk to its next match (to
 * the end of the cursors' range when there is none). When a predicate in Java (a stream's rules) tests the candidates too,
 * reading each whole, the page also stops after {@link #PREDICATE_NANOS}, with the last candidate
 * it examined as the cursor.
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
  private final StoreCipher cipher;
  private final String file;
  private final int tableBudget;
  private final int indexBudget;
  private final int rangeBudget;
  private final int predicateBudget;
  private final long predicateNanos;
  private final LongSupplier nanoTime;

  /** The pager of the store in {@code file}, whose columns {@code cipher} opens. */
  EventPager(BiFunction<Long, byte[], CaptureEvent> reader, StoreCipher cipher, String file) {
    this(reader, cipher, file, TABLE_BUDGET, INDEX_BUDGET, RANGE_BUDGET, PREDICATE_BUDGET, PREDICATE_NANOS,
        System::nanoTime);
  }

  /** A pager with windows of {@code sqlBudget} candidates however it walks them (for tests). */
  EventPager(BiFunction<Long, byte[], CaptureEvent> reader, int sqlBudget, int predicateBudget) {
    this(reader, StoreCipher.NONE, "", sqlBudget, sqlBudget, sqlBudget, predicateBudget, PREDICATE_NANOS,
        System::nanoTime);
  }

  EventPager(BiFunction<Long, byte[], CaptureEvent> reader, int sqlBudget, int predicateBudget, long predicateNanos,
      LongSupplier nanoTime) {
    this(reader, StoreCipher.NONE, "", sqlBudget, sqlBudget, sqlBudget, predicateBudget, predicateNanos, nanoTime);
  }

  private EventPager(BiFunction<Long, byte[], CaptureEvent> reader, StoreCipher cipher, String file, int tableBudget,
      int indexBudget, int rangeBudget, int predicateBudget, long predicateNanos, LongSupplier nanoTime) {
    this.reader = reader;
    this.cipher = cipher;
    this.file = file;
    this.tableBudget = tableBudget;
    this.indexBudget = indexBudget;
    this.rangeBudget = rangeBudget;
    this.predicateBudget = predicateBudget;
    this.predicateNanos = predicateNanos;
    this.nanoTime = nanoTime;
  }

  /**
   * The candidates a page may examine: at most {@code count} between the cursors of {@code range}
   * (the page's own, or moved past seqs a time range skips), the last of them at seq {@code edge}.
   */
  private record Window(PageSql.Driver driver, PageQuery range, long count, long edge, boolean cut) {}

  EventPage page(Connection c, PageQuery q, Predicate<CaptureEvent> keep) throws SQLException {
    PageSql sql = new PageSql(q.filter(), cipher);
    long deadline = nanoTime.getAsLong() + predicateNanos;
    if (keep == null) {
      for (PageSql.Driver d : sql.drivers) {
        if (sql.answeredBy(d)) {
          // Every candidate matches: the page is its first candidates, with no window to mark.
          List<StoredEvent> events = read(c, q, sql, new Window(d, q, 0, 0, false), null, deadline).events();
          return new EventPage(events, events.size() == q.limit() ? OptionalLong.of(events.getLast().seq())
              : OptionalLong.empty(), events.size());
        }
      }
    }
    long examined = 0;
    PageQuery rest = q;
    while (true) {
      Window window = window(c, rest, sql, keep);
      examined += window.count();
      if (window.count() == 0) {
        return new EventPage(List.of(), OptionalLong.empty(), (int) examined);
      }
      Read read = read(c, rest, sql, window, keep, deadline);
      List<StoredEvent> events = read.events();
      if (events.size() == q.limit()) {
        return new EventPage(events, OptionalLong.of(events.getLast().seq()), (int) examined);
      }
      if (read.stoppedAfter() > 0) {
        return new EventPage(events, OptionalLong.of(read.stoppedAfter()), (int) examined);
      }
      if (!window.cut()) {
        return new EventPage(events, OptionalLong.empty(), (int) examined);
      }
      // A page with a next cursor is never empty: a window without a match is passed over for the
      // next one, so a filter that matches only far from the cursor costs a walk, not empty pages.
      // The rules in Java have their time limit; beyond it the page stops, empty or not.
      if (!events.isEmpty() || (keep != null && nanoTime.getAsLong() - deadline > 0)) {
        return new EventPage(events, OptionalLong.of(window.edge()), (int) examined);
      }
      rest = rest.continueFrom(window.edge());
    }
  }

  /** The narrowest window of candidates from {@code q}'s cursor, over the walks {@code sql} allows. */
  private Window window(Connection c, PageQuery q, PageSql sql, Predicate<CaptureEvent> keep) throws SQLException {
    int cap = keep == null ? Integer.MAX_VALUE : predicateBudget;
    Window window = null;
    for (PageSql.Driver d : sql.drivers) {
      // A range's candidates are sorted before they are read; a predicate in Java reads them one by
      // one as they come, which only a walk in seq order allows. A range is counted only as far as
      // it could still be the narrower: an equality's window, found first, bounds it.
      int rangeLimit = window == null ? rangeBudget : (int) Math.min(rangeBudget, window.count() - 1);
      Window w = d.seqOrdered() ? indexWindow(c, q, d, Math.min(indexBudget, cap))
          : keep == null && rangeLimit > 0 ? rangeWindow(c, q, d, rangeLimit) : null;
      if (w != null && (window == null || narrower(w, window, q.order()))) {
        window = w;
      }
    }
    return window != null ? window : tableWindow(c, q, sql, Math.min(tableBudget, cap));
  }

  /**
   * What a page read: its events, and the seq of the last candidate examined when it ran out of
   * time before the window's end (0 when it did not).
   */
  private record Read(List<StoredEvent> events, long stoppedAfter) {}

  /**
   * Whether {@code a} leaves fewer candidates to examine than {@code b}: fewer in all, or, when both
   * are cut at the budget, reaching further from the cursor, which says its key is the rarer and
   * the more of the filter's matches its window holds.
   */
  private static boolean narrower(Window a, Window b, Order order) {
    if (a.count() != b.count() || !a.cut() || !b.cut()) {
      return a.count() < b.count();
    }
    return order == Order.NEWEST ? a.edge() < b.edge() : a.edge() > b.edge();
  }

  /**
   * A window over the table by seq. Seqs are dense but for the few lost in a gap, so the window is
   * worked out from the first and last seq stored instead of walking {@code budget} rows to it. A
   * time range first moves the cursor past the blocks of seqs that hold no event of its times.
   */
  private static Window tableWindow(Connection c, PageQuery q, PageSql sql, int budget) throws SQLException {
    if (sql.since != null || sql.until != null) {
      PageQuery inRange = TimeSpans.skipOutside(c, q, sql.since, sql.until);
      if (inRange == null) {
        return new Window(PageSql.Driver.TABLE, q, 0, 0, false);
      }
      q = inRange;
    }
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
          return new Window(PageSql.Driver.TABLE, q, 0, 0, false);
        }
        last = rs.getLong(2);
      }
    }
    long span = last - first + 1;
    if (span <= budget) {
      return new Window(PageSql.Driver.TABLE, q, span, q.order() == Order.NEWEST ? first : last, false);
    }
    long edge = q.order() == Order.NEWEST ? last - budget + 1 : first + budget - 1;
    return new Window(PageSql.Driver.TABLE, q, budget, edge, true);
  }

  /**
   * A window over the index of a range (of statuses, of times), whose entries are not in seq order:
   * all the range's entries between the cursors when there are at most {@code budget} of them, to
   * be sorted by seq; null when there are more.
   */
  private static Window rangeWindow(Connection c, PageQuery q, PageSql.Driver d, int budget) throws SQLException {
    String sql = "SELECT count(*) FROM (SELECT 1 FROM " + d.walk() + " WHERE " + d.terms()
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
        return count > budget ? null : new Window(d, q, count, 0, false);
      }
    }
  }

  /** A window over the index of one equality: its next {@code budget} entries from the cursor. */
  private static Window indexWindow(Connection c, PageQuery q, PageSql.Driver d, int budget) throws SQLException {
    boolean newest = q.order() == Order.NEWEST;
    String sql = "SELECT count(*), " + (newest ? "min" : "max") + "(seq) FROM (SELECT " + d.seq() + " AS seq FROM "
        + d.walk() + " WHERE " + d.terms() + " AND " + d.seq() + " > ? AND " + d.seq() + " < ? ORDER BY " + d.seq()
        + (newest ? " DESC" : " ASC") + " LIMIT ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, d.args().getFirst());
      ps.setLong(2, q.after());
      ps.setLong(3, q.before());
      ps.setInt(4, budget);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long count = rs.getLong(1);
        return new Window(d, q, count, rs.getLong(2), count >= budget);
      }
    }
  }

  private Read read(Connection c, PageQuery q, PageSql filter, Window w, Predicate<CaptureEvent> keep, long deadline)
      throws SQLException {
    boolean newest = q.order() == Order.NEWEST;
    long after = w.range().after();
    long before = w.range().before();
    if (w.cut()) {
      if (newest) {
        after = Math.max(after, w.edge() - 1);
      } else {
        before = Math.min(before, w.edge() + 1);
      }
    }
    String direction = newest ? "DESC" : "ASC";
    String keys = w.driver().from();
    String seq = w.driver().seq();
    String where = " WHERE " + seq + " > ? AND " + seq + " < ?" + filter.where() + " ORDER BY " + seq + " " + direction;
    String sql = w.driver().seqOrdered()
        // Read in seq order as the walk finds them: each event's JSON is read only once it matched.
        ? "SELECT k.seq, e.id, e.type, e.json FROM " + keys + " CROSS JOIN events AS e ON e.seq = k.seq" + where
            + (keep == null ? " LIMIT " + q.limit() : "")
        // The page's seqs are sorted out of the range's keys first: joined before the sort, every
        // candidate's JSON would be read and sorted along.
        : "SELECT s.seq, e.id, e.type, e.json FROM (SELECT k.seq AS seq FROM " + keys + where + " LIMIT " + q.limit()
            + ") AS s CROSS JOIN events AS e ON e.seq = s.seq ORDER BY s.seq " + direction;
    List<StoredEvent> events = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, after);
      ps.setLong(2, before);
      for (int i = 0; i < filter.args.size(); i++) {
        ps.setObject(i + 3, filter.args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (events.size() < q.limit() && rs.next()) {
          StoredEvent e = stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4));
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

  /** An event as read from its row; one whose JSON does not decrypt is marked unreadable. */
  private StoredEvent stored(long seq, String id, String type, byte[] json) {
    try {
      return new StoredEvent(seq, id, type, cipher.open(EventColumns.JSON, seq, json), reader);
    } catch (IllegalArgumentException e) {
      return StoredEvent.unreadable(seq, id, type, json, "event " + seq + " in " + file + " cannot be read: "
          + e.getMessage());
    }
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
