package io.datasipper.bench;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.api.json.IsoInstants;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The store's write without the filter columns and the full-text index: the same connection
 * settings, statement and transaction per batch as {@code EventStore.insert}, into the events table
 * alone. The baseline the ingest comparison measures the keys table and the text index against.
 */
final class EventsOnlyWriter implements AutoCloseable {
  private static final String INSERT =
      "INSERT INTO events (seq, id, type, ts, url, json) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
  private final Connection c;

  /** Writes into the store file {@code file}, which {@code EventStore.open} made; drops its keys table. */
  EventsOnlyWriter(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    c = config.createConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DROP TABLE event_keys");
    }
  }

  void insert(List<CaptureEvent> batch) {
    try {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        for (CaptureEvent e : batch) {
          ps.setLong(1, e.seq());
          ps.setString(2, e.id());
          ps.setString(3, e.type());
          ps.setString(4, e.timestamp() == null ? null : IsoInstants.formatNanos(e.timestamp()));
          ps.setString(5, e.url());
          ps.setString(6, EventJson.write(e));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IllegalStateException("writing a batch of " + batch.size() + " events failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }
}
