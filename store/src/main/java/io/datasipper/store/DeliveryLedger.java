package io.datasipper.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The pipeline's durable bookkeeping, in the same database as the events: how far each output has
 * delivered, the records that could not be delivered or transformed, and the latest statistics.
 * Because the events stay in the store, an output's cursor is all it needs to resume after a crash.
 */
public final class DeliveryLedger {
  private final EventStore store;

  public DeliveryLedger(EventStore store) {
    this.store = store;
  }

  /** One record that could not be transformed (output null) or delivered. */
  public record DeadLetter(Instant at, String stream, String output, long sourceSeq, String eventId, String record,
      String error) {}

  /** The dead letters with their ids and states, to send back for delivery. */
  public DeadLetters redeliveries() {
    return new DeadLetters(store);
  }

  /** The seq of the last event the output has taken, if it ever ran. */
  public OptionalLong cursor(String output) {
    return store.read("reading the cursor of output " + output, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM delivery_cursors WHERE output = ?")) {
        ps.setString(1, output);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        }
      }
    });
  }

  public void saveCursor(String output, long seq) {
    store.write("saving the cursor of output " + output, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO delivery_cursors (output, seq, updated_at) VALUES (?, ?, ?)"
              + " ON CONFLICT (output) DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at")) {
        ps.setString(1, output);
        ps.setLong(2, seq);
        ps.setString(3, EventStore.formatTime(Instant.now()));
        ps.executeUpdate();
      }
      return null;
    });
  }

  public void addDeadLetters(List<DeadLetter> letters) {
    if (letters.isEmpty()) {
      return;
    }
    store.write("recording " + letters.size() + " dead letters", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO dead_letters"
          + " (at, stream, output, source_seq, event_id, record, error) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (DeadLetter d : letters) {
          ps.setString(1, EventStore.formatTime(d.at()));
          ps.setString(2, d.stream());
          ps.setString(3, d.output());
          ps.setLong(4, d.sourceSeq());
          ps.setString(5, d.eventId());
          ps.setObject(6, store.cipher().seal(EventColumns.DEAD_LETTER_RECORD, d.sourceSeq(), d.record()));
          ps.setObject(7, store.cipher().seal(EventColumns.DEAD_LETTER_ERROR, 0, d.error()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  /** The latest dead letters of a stream (all streams when null), newest last. */
  public List<DeadLetter> deadLetters(String stream, int limit) {
    return store.read("reading dead letters", c -> {
      String sql = "SELECT at, stream, output, source_seq, event_id, record, error FROM dead_letters"
          + (stream == null ? "" : " WHERE stream = ?") + " ORDER BY id DESC LIMIT ?";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        if (stream != null) {
          ps.setString(i++, stream);
        }
        ps.setInt(i, limit);
        List<DeadLetter> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new DeadLetter(Instant.parse(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getLong(4),
                rs.getString(5), store.openText(EventColumns.DEAD_LETTER_RECORD, rs.getLong(4), rs.getBytes(6)),
                store.openText(EventColumns.DEAD_LETTER_ERROR, 0, rs.getBytes(7))));
          }
        }
        return out.reversed();
      }
    });
  }

  /**
   * How many events the retention sweep deleted before each output had taken them, by output
   * name; outputs that lost none are left out.
   */
  public Map<String, Long> deletedUndelivered() {
    return byName("reading the events deleted undelivered", "SELECT output, events FROM retention_drops ORDER BY output",
        rs -> rs.getLong(2));
  }

  /** Saves named statistics snapshots (JSON), replacing the previous ones of those names. */
  public void saveStats(Map<String, String> snapshots) {
    store.write("saving pipeline statistics", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO pipeline_stats (name, json, updated_at)"
          + " VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at")) {
        String now = EventStore.formatTime(Instant.now());
        for (Map.Entry<String, String> e : snapshots.entrySet()) {
          ps.setString(1, e.getKey());
          // Sealed in an encrypted store: an error in the statistics may quote an event.
          ps.setObject(2, store.cipher().seal(EventColumns.PIPELINE_STATS, 0, e.getValue()));
          ps.setString(3, now);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  /**
   * A saved statistics snapshot and when it was saved. Those of the last delivery share the latest
   * time; one of a stream or output that delivery did not run is {@code earlier}: it keeps the time
   * an earlier delivery saved it.
   */
  public record SavedStats(String json, Instant savedAt, boolean earlier) {}

  /** The saved statistics snapshots by name, each with when it was saved. */
  public Map<String, SavedStats> savedStats() {
    Map<String, SavedStats> saved = byName("reading pipeline statistics",
        "SELECT name, json, updated_at FROM pipeline_stats ORDER BY name", rs -> new SavedStats(
            store.openText(EventColumns.PIPELINE_STATS, 0, rs.getBytes(2)), Instant.parse(rs.getString(3)), false));
    saved.values().stream().map(SavedStats::savedAt).max(Instant::compareTo).ifPresent(last ->
        saved.replaceAll((name, s) -> new SavedStats(s.json(), s.savedAt(), s.savedAt().isBefore(last))));
    return saved;
  }

  /** The saved statistics snapshots by name. */
  public Map<String, String> stats() {
    return byName("reading pipeline statistics", "SELECT name, json FROM pipeline_stats ORDER BY name",
        rs -> store.openText(EventColumns.PIPELINE_STATS, 0, rs.getBytes(2)));
  }

  /** A value read from the current row of a query. */
  private interface RowValue<V> {
    V read(ResultSet rs) throws SQLException;
  }

  /** The rows of {@code sql} as a map from its first column, a name, to {@code value}, in the query's order. */
  private <V> Map<String, V> byName(String what, String sql, RowValue<V> value) {
    return store.read(what, c -> {
      Map<String, V> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), value.read(rs));
        }
      }
      return out;
    });
  }
}
