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
  private final StoreCipher cipher;

  SeqReader(Connection connection, String file, BiFunction<Long, byte[], CaptureEvent> eventReader,
      StoreCipher cipher) throws SQLException {
    this.cipher = cipher;
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

  /**
   * The event of a row. Its text is checked to parse, because a reader may pass it on without ever
   * reading it as an event: a row that does not parse (damaged, or edited by hand) comes back
   * marked {@link StoredEvent#unreadable} instead of ending the read, so that one bad row neither
   * reaches a destination nor stops the rows after it.
   */
  private StoredEvent stored(long seq, byte[] stored) throws SQLException {
    byte[] json;
    try {
      json = cipher.open(EventColumns.JSON, seq, stored);
    } catch (IllegalArgumentException e) {
      String[] columns = columns(seq);
      return StoredEvent.unreadable(seq, columns[0], columns[1], stored,
          "event " + seq + " in " + file + " cannot be read: " + e.getMessage());
    }
    String problem = EventJson.syntaxProblem(json);
    if (problem != null) {
      String[] columns = columns(seq);
      return StoredEvent.unreadable(seq, columns[0], columns[1], json,
          "event " + seq + " in " + file + " cannot be read: " + problem);
    }
    String id = EventJson.topLevelText(json, "id");
    String type = EventJson.topLevelText(json, "type");
    if (id == null || type == null) {
      String[] columns = columns(seq); // the columns still say what the event was
      id = columns[0];
      type = columns[1];
    }
    return new StoredEvent(seq, id, type, json, eventReader);
  }

  /** The id and type columns of an event. */
  private String[] columns(long seq) throws SQLException {
    if (columns == null) {
      columns = connection.prepareStatement(COLUMNS);
    }
    columns.setLong(1, seq);
    try (ResultSet rs = columns.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("event " + seq + " vanished while it was read");
      }
      return new String[] {rs.getString(1), rs.getString(2)};
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
