package io.datasipper.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The statement that reads the events an {@link EventQuery} selects, in seq order, each with its
 * columns {@code seq, id, type, json}.
 */
final class ScanSql {
  private ScanSql() {}

  /**
   * @throws IllegalArgumentException for a filter an encrypted store cannot answer (see
   *     {@link EncryptedFilters})
   */
  static PreparedStatement prepare(Connection c, EventQuery q, StoreCipher cipher) throws SQLException {
    if (cipher.encrypts() && q.search() != null) {
      throw new IllegalArgumentException(EncryptedFilters.SEARCH);
    }
    if (cipher.encrypts() && q.urlContains() != null) {
      throw new IllegalArgumentException(EncryptedFilters.URL_TEXT);
    }
    StringBuilder sql = new StringBuilder();
    List<Object> args = new ArrayList<>();
    String order;
    if (q.search() != null) {
      // Walked in seq order from the full-text index's matches, each then read from the table.
      sql.append("SELECT e.seq, e.id, e.type, e.json FROM event_text AS t CROSS JOIN events AS e ON e.seq = t.rowid"
          + " WHERE t.event_text MATCH ? AND t.rowid > ?");
      args.add(SearchText.ftsQuery(q.search()));
      order = "t.rowid";
    } else if (q.type() != null) {
      // Walked in seq order from the keys' type index (the events table has none).
      sql.append("SELECT e.seq, e.id, e.type, e.json FROM event_keys AS k CROSS JOIN events AS e ON e.seq = k.seq"
          + " WHERE k.seq > ?");
      order = "k.seq";
    } else {
      sql.append("SELECT e.seq, e.id, e.type, e.json FROM events AS e WHERE e.seq > ?");
      order = "e.seq";
    }
    args.add(q.afterSeq());
    if (q.type() != null) {
      sql.append(q.search() == null ? " AND k.type = ?" : " AND e.type = ?");
      args.add(q.type());
    }
    if (q.urlContains() != null) {
      // instr, not LIKE: the text is matched literally, '%' and '_' included.
      sql.append(" AND instr(e.url, ?) > 0");
      args.add(q.urlContains());
    }
    sql.append(" ORDER BY ").append(order);
    if (q.limit() > 0) {
      sql.append(" LIMIT ?");
      args.add(q.limit());
    }
    PreparedStatement ps = c.prepareStatement(sql.toString());
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(i + 1, args.get(i));
    }
    return ps;
  }
}
