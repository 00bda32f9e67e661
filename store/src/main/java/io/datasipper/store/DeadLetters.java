package io.datasipper.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dead letters of a data directory with their ids and states, and sending them back for
 * delivery. A letter an output refused can be requeued; the pipeline's worker for that output then
 * writes it again (see the pipeline's redelivery) and marks it delivered, or dead again with the
 * new error. The state is durable: a letter requeued while no pipeline runs waits for the next one.
 * Letters without an output (a transform failed, or the event could not be read back) have nowhere
 * to be sent back to and stay dead. A letter no longer wanted is discarded: deleted for good.
 */
public final class DeadLetters {
  /** Where a dead letter stands. */
  public enum State {
    /** Not delivered; sent back only when asked. */
    DEAD,
    /** Sent back: its output writes it again when it next looks. */
    REQUEUED,
    /** Written again and acknowledged by its output. */
    DELIVERED;

    /** The name the store and the API use. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    static State of(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * One dead letter as stored.
   *
   * @param redeliveries how many times it was sent back
   * @param stateAt when it took its present state (null for a letter never sent back)
   */
  public record Entry(long id, State state, int redeliveries, Instant stateAt, DeliveryLedger.DeadLetter letter) {}

  private static final String COLUMNS =
      "id, state, redeliveries, state_at, at, stream, output, source_seq, event_id, record, error";

  private final EventStore store;

  public DeadLetters(EventStore store) {
    this.store = store;
  }

  /**
   * A page of dead letters by id, oldest first: those with an id above {@code afterId}, of the
   * stream and output given (any when null).
   */
  public List<Entry> page(String stream, String output, long afterId, int limit) {
    return store.read("reading dead letters", c -> {
      StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM dead_letters WHERE id > ?");
      List<Object> args = new ArrayList<>(List.of(afterId));
      narrow(sql, args, stream, output);
      sql.append(" ORDER BY id LIMIT ?");
      args.add(limit);
      try (PreparedStatement ps = prepare(c, sql, args)) {
        return entries(ps);
      }
    });
  }

  public Optional<Entry> get(long id) {
    return store.read("reading dead letter " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dead_letters WHERE id = ?")) {
        ps.setLong(1, id);
        return entries(ps).stream().findFirst();
      }
    });
  }

  /**
   * Sends one dead letter back to its output, if it is dead and has one; a letter requeued already
   * stays so. Returns the letter as it is afterwards (its state says whether it was requeued), or
   * empty if there is none of that id.
   */
  public Optional<Entry> requeue(long id) {
    store.write("requeueing dead letter " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE dead_letters SET state = 'requeued',"
          + " redeliveries = redeliveries + 1, state_at = ? WHERE id = ? AND state = 'dead' AND output IS NOT NULL")) {
        ps.setString(1, EventStore.formatTime(Instant.now()));
        ps.setLong(2, id);
        ps.executeUpdate();
      }
      return null;
    });
    return get(id);
  }

  /**
   * Sends back every dead letter of the stream and output given (any when null) that has an output.
   *
   * @return how many were requeued
   */
  public int requeue(String stream, String output) {
    int[] count = new int[1];
    store.write("requeueing dead letters", c -> {
      StringBuilder sql = new StringBuilder("UPDATE dead_letters SET state = 'requeued',"
          + " redeliveries = redeliveries + 1, state_at = ? WHERE state = 'dead' AND output IS NOT NULL");
      List<Object> args = new ArrayList<>(List.of(EventStore.formatTime(Instant.now())));
      narrow(sql, args, stream, output);
      try (PreparedStatement ps = prepare(c, sql, args)) {
        count[0] = ps.executeUpdate();
      }
      return null;
    });
    return count[0];
  }

  /**
   * Deletes one dead letter, unless it was sent back and its output has yet to write it: that
   * output may be writing it now, and it would then be delivered with no letter left to say so.
   */
  public Discarded discard(long id) {
    Discarded[] result = new Discarded[1];
    store.write("discarding dead letter " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM dead_letters WHERE id = ? AND state <> 'requeued'")) {
        ps.setLong(1, id);
        if (ps.executeUpdate() == 1) {
          result[0] = Discarded.DISCARDED;
          return null;
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM dead_letters WHERE id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          result[0] = rs.next() ? Discarded.BEING_SENT_BACK : Discarded.NO_SUCH_LETTER;
        }
      }
      return null;
    });
    return result[0];
  }

  /**
   * Deletes every dead letter of the stream and output given (any when null) but those sent back
   * and not written again yet, as {@link #discard(long)} keeps them.
   *
   * @return how many were deleted
   */
  public int discard(String stream, String output) {
    int[] count = new int[1];
    store.write("discarding dead letters", c -> {
      StringBuilder sql = new StringBuilder("DELETE FROM dead_letters WHERE state <> 'requeued'");
      List<Object> args = new ArrayList<>();
      narrow(sql, args, stream, output);
      try (PreparedStatement ps = prepare(c, sql, args)) {
        count[0] = ps.executeUpdate();
      }
      return null;
    });
    return count[0];
  }

  /** Why the letter {@link #requeue(long)} answered was not sent back; empty if it was, or had been already. */
  public static Optional<String> notSentBack(Entry entry) {
    DeliveryLedger.DeadLetter letter = entry.letter();
    if (letter.output() == null) {
      return Optional.of("dead letter " + entry.id() + " failed in stream '" + letter.stream() + "' before any output ("
          + letter.error() + "): there is no output to send it back to; fix the stream and replay it");
    }
    if (entry.state() == State.DELIVERED) {
      return Optional.of("dead letter " + entry.id() + " was delivered to output '" + letter.output() + "' at "
          + entry.stateAt() + "; it is not sent again");
    }
    return Optional.empty();
  }

  /** What {@link #discard(long)} did. */
  public enum Discarded {
    DISCARDED,
    NO_SUCH_LETTER,
    /** Sent back and not written again yet: kept. */
    BEING_SENT_BACK;

    /** Why letter {@code id} was not discarded; empty if it was. */
    public Optional<String> refusal(long id) {
      return switch (this) {
        case DISCARDED -> Optional.empty();
        case NO_SUCH_LETTER -> Optional.of(noSuchLetter(id));
        case BEING_SENT_BACK -> Optional.of("dead letter " + id + " is being sent back to its output; discard it once"
            + " it is delivered or refused again");
      };
    }
  }

  public static String noSuchLetter(long id) {
    return "dead letter " + id + ": no such dead letter";
  }

  /** The oldest letters waiting to be written again to {@code output}. */
  public List<Entry> requeued(String output, int limit) {
    return store.read("reading the requeued dead letters of output " + output, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
          + " FROM dead_letters WHERE output = ? AND state = 'requeued' ORDER BY id LIMIT ?")) {
        ps.setString(1, output);
        ps.setInt(2, limit);
        return entries(ps);
      }
    });
  }

  /**
   * The stored events the letters came from, by seq, for those still stored: what their records
   * were made of, whose type and connection a destination may be told again.
   */
  public Map<Long, StoredEvent> sourceEvents(List<Entry> entries) {
    Map<Long, StoredEvent> events = new HashMap<>();
    if (entries.isEmpty()) {
      return events;
    }
    try (SeqReader reader = store.openSeqReader()) {
      for (Entry entry : entries) {
        long seq = entry.letter().sourceSeq();
        if (seq > 0 && !events.containsKey(seq)) {
          reader.after(seq - 1, 1).stream().filter(e -> e.seq() == seq).findFirst().ifPresent(e -> events.put(seq, e));
        }
      }
    }
    return events;
  }

  /** Marks requeued letters as written again and acknowledged. */
  public void delivered(List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    store.write("marking " + ids.size() + " redelivered dead letters", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE dead_letters SET state = 'delivered', state_at = ? WHERE id = ? AND state = 'requeued'")) {
        String now = EventStore.formatTime(Instant.now());
        for (long id : ids) {
          ps.setString(1, now);
          ps.setLong(2, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  /** A requeued letter its output refused again: dead, with the new error. */
  public void refusedAgain(long id, String error) {
    store.write("marking dead letter " + id + " refused again", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE dead_letters SET state = 'dead', error = ?, state_at = ? WHERE id = ? AND state = 'requeued'")) {
        ps.setObject(1, store.cipher().seal(EventColumns.DEAD_LETTER_ERROR, 0, error));
        ps.setString(2, EventStore.formatTime(Instant.now()));
        ps.setLong(3, id);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Keeps, in a statement's WHERE, the letters of a stream and an output (any when null). */
  private static void narrow(StringBuilder sql, List<Object> args, String stream, String output) {
    if (stream != null) {
      sql.append(" AND stream = ?");
      args.add(stream);
    }
    if (output != null) {
      sql.append(" AND output = ?");
      args.add(output);
    }
  }

  private static PreparedStatement prepare(Connection c, StringBuilder sql, List<Object> args) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql.toString());
    try {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      return ps;
    } catch (SQLException e) {
      ps.close();
      throw e;
    }
  }

  private List<Entry> entries(PreparedStatement ps) throws SQLException {
    List<Entry> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String stateAt = rs.getString(4);
        out.add(new Entry(rs.getLong(1), State.of(rs.getString(2)), rs.getInt(3),
            stateAt == null ? null : Instant.parse(stateAt),
            new DeliveryLedger.DeadLetter(Instant.parse(rs.getString(5)), rs.getString(6), rs.getString(7),
                rs.getLong(8), rs.getString(9), store.openText(EventColumns.DEAD_LETTER_RECORD, rs.getLong(8),
                rs.getBytes(10)), store.openText(EventColumns.DEAD_LETTER_ERROR, 0, rs.getBytes(11)))));
      }
    }
    return out;
  }
}
