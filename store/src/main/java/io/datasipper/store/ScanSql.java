package io.datasipper.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The statement that reads the events an {@link EventQuery} selects, in seq order, each with its
 * columns {@code seq, id, type, json}.
 */
final class ScanSql {
  private ScanSql() {}

  static PreparedStatement prepare(Connection c, EventQuery q) throws SQLException {
    // A type is walked in seq order from the keys' type index (the events table has none).
    String sql = q.type() == null
        ? "SELECT e.seq, e.id, e.type, e.json FROM events AS e WHERE e.seq > ? ORDER BY e.seq"
        : "SELECT e.seq, e.id, e.type, e.json FROM event_keys AS k CROSS JOIN events AS e ON e.seq = k.seq"
            + " WHERE k.seq > ? AND k.type = ? ORDER BY k.seq";
    PreparedStatement ps = c.prepareStatement(q.limit() > 0 ? sql + " LIMIT ?" : sql);
    int i = 1;
    ps.setLong(i++, q.afterSeq());
    if (q.type() != null) {
      ps.setString(i++, q.type());
    }
    if (q.limit() > 0) {
      ps.setInt(i, q.limit());
    }
    return ps;
  }
}
