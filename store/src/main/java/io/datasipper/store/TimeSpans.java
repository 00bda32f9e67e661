package io.datasipper.store;

import io.datasipper.store.PageQuery.Order;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The earliest and latest time of each block of {@link #BLOCK} seqs, in the
 * {@code event_time_spans} table: where a page walking by seq can skip whole blocks that hold no
 * event of a time range. Times mostly grow with seq, but not strictly (an exchange is stored when
 * it ends, an imported event keeps its time), so a time range cannot be turned into a seq range;
 * a block's span can only be wider than its events' times, never narrower, which is all skipping needs.
 */
final class TimeSpans {
  static final int BLOCK_BITS = 10;
  static final int BLOCK = 1 << BLOCK_BITS;

  private static final String UPSERT = "INSERT INTO event_time_spans (block, first_ts, last_ts) VALUES (?, ?, ?)"
      + " ON CONFLICT (block) DO UPDATE SET first_ts = min(first_ts, excluded.first_ts),"
      + " last_ts = max(last_ts, excluded.last_ts)";

  private TimeSpans() {}

  /** Widens the spans of the blocks that {@code keys} fall in to hold their times. */
  static void record(Connection c, List<EventKeys> keys) throws SQLException {
    Map<Long, String[]> spans = new TreeMap<>();
    for (EventKeys k : keys) {
      if (k.ts() == null) {
        continue;
      }
      String[] span = spans.computeIfAbsent(k.seq() >> BLOCK_BITS, b -> new String[] {k.ts(), k.ts()});
      if (k.ts().compareTo(span[0]) < 0) {
        span[0] = k.ts();
      }
      if (k.ts().compareTo(span[1]) > 0) {
        span[1] = k.ts();
      }
    }
    if (spans.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      for (Map.Entry<Long, String[]> e : spans.entrySet()) {
        ps.setLong(1, e.getKey());
        ps.setString(2, e.getValue()[0]);
        ps.setString(3, e.getValue()[1]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * {@code q} with its cursor moved to the nearest block in its order whose span meets the time
   * range {@code [since, until)} (either may be null for no bound); null when no block between the
   * cursors does, so that no event there has a time in the range.
   */
  static PageQuery skipOutside(Connection c, PageQuery q, String since, String until) throws SQLException {
    boolean newest = q.order() == Order.NEWEST;
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT block FROM event_time_spans WHERE block >= ? AND block <= ?");
    args.add((q.after() + 1) >> BLOCK_BITS);
    args.add((q.before() - 1) >> BLOCK_BITS);
    if (since != null) {
      sql.append(" AND last_ts >= ?");
      args.add(since);
    }
    if (until != null) {
      sql.append(" AND first_ts < ?");
      args.add(until);
    }
    sql.append(" ORDER BY block ").append(newest ? "DESC" : "ASC").append(" LIMIT 1");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        long block = rs.getLong(1);
        return newest
            ? q.withBefore(Math.min(q.before(), (block + 1) << BLOCK_BITS))
            : q.withAfter(Math.max(q.after(), (block << BLOCK_BITS) - 1));
      }
    }
  }
}
