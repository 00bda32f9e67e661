package io.datasipper.store;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads stored events in seq order, a page at a time, on one connection kept open: for a reader
 * that comes back many times a second (the pipeline's stage), which would otherwise pay for a new
 * connection and statement on every page. Each page is its own read transaction, so the reader
 * sees what was committed before the page and holds up no writer between pages. For one thread.
 */
public final class SeqReader implements AutoCloseable {
  /**
   * Only seq and JSON: the id and type are the JSON's first fields and are read from it, which costs
   * far less than fetching two more columns through the driver for every row.
   */
  private static final String PAGE = "SELECT seq, json FROM events WHERE seq > ? ORDER BY seq LIMIT ?";
  private static final String COLUMNS = "SELECT id, type FROM events WHERE seq = ?";

  private final Connection connection;
  private final PreparedStatement page;
  private PreparedStatement columns;
  private final String file;
  private final BiFunction<Long, byte[], CaptureEvent> eventReader;

  SeqReader(Connection connection, String file, BiFunction<Long, byte[], CaptureEvent> eventReader)
      throws SQLException {
    this.connection = connection;
    this.file = file;
    this.eventReader = eventReader;
    try {
      this.page = connection.prepareStatement(PAGE);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Up to {@code limit} events with a seq above {@code seq}, in seq order.
   *
   * @throws UncheckedStoreException naming the store if it cannot be read
   */
  public List<StoredEvent> after(long seq, int limit) {
    try {
      page.setLong(1, seq);
      page.setInt(2, limit);
      List<StoredEvent> events = new ArrayList<>(limit);
      try (ResultSet rs = page.executeQuery()) {
        while (rs.next()) {
          events.add(stored(rs.getLong(1), rs.getBytes(2)));
        }
      }
      return events;
    } catch (SQLException e) {
      throw new UncheckedStoreException(
          new StoreException("reading events after seq " + seq + " in " + file + " failed: " + e.getMessage(), e));
    }
  }

  private StoredEvent stored(long seq, byte[] json) throws SQLException {
    String id;
    String type;
    try {
      id = EventJson.topLevelText(json, "id");
      type = EventJson.topLevelText(json, "type");
    } catch (IllegalArgumentException e) {
      id = null; // not JSON: the columns still say what the event was
      type = null;
    }
    if (id == null || type == null) {
      return storedByColumns(seq, json);
    }
    return new StoredEvent(seq, id, type, json, eventReader);
  }

  private StoredEvent storedByColumns(long seq, byte[] json) throws SQLException {
    if (columns == null) {
      columns = connection.prepareStatement(COLUMNS);
    }
    columns.setLong(1, seq);
    try (ResultSet rs = columns.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("event " + seq + " vanished while it was read");
      }
      return new StoredEvent(seq, rs.getString(1), rs.getString(2), json, eventReader);
    }
  }

  @Override
  public void close() {
    try {
      connection.close(); // closes the statements too
    } catch (SQLException e) {
      // Nothing was written on this connection: there is nothing to lose by ignoring this.
    }
  }
}
