package io.datasipper.store;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of one event in the {@code events} table: the indexed ones are copied out of the JSON
 * for queries. In an encrypted store the URL and the JSON are sealed, the keys hold hashes, and there
 * is no text to search (see {@link EncryptedFilters}).
 *
 * @param size the JSON's length in characters
 */
record EventRow(long seq, String id, String type, String ts, Object url, Object json, int size,
    EventIndex.Entry entry) {
  /** Idempotent on id only: a different event reusing a taken seq is an error, not ignored. */
  private static final String INSERT =
      "INSERT INTO events (seq, id, type, ts, url, json) VALUES (?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (id) DO NOTHING";

  static EventRow of(CaptureEvent e, StoreCipher cipher) {
    EventIndex.Entry entry = EventIndex.Entry.of(e, cipher);
    String json = EventJson.write(e);
    return new EventRow(e.seq(), e.id(), e.type(), entry.keys().ts(), cipher.seal(EventColumns.URL, e.seq(), e.url()),
        cipher.seal(EventColumns.JSON, e.seq(), json), json.length(), entry);
  }

  /**
   * Writes the rows in the connection's open transaction; returns the index entries of those that
   * were new (an id stored already is skipped).
   */
  static List<EventIndex.Entry> insert(Connection c, List<EventRow> rows) throws SQLException {
    int[] inserted;
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (EventRow r : rows) {
        ps.setLong(1, r.seq());
        ps.setString(2, r.id());
        ps.setString(3, r.type());
        ps.setString(4, r.ts());
        ps.setObject(5, r.url());
        ps.setObject(6, r.json());
        ps.addBatch();
      }
      inserted = ps.executeBatch();
    }
    List<EventIndex.Entry> added = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      if (inserted[i] > 0) {
        added.add(rows.get(i).entry());
      }
    }
    return added;
  }
}
