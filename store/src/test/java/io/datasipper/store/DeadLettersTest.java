package io.datasipper.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLettersTest {
  @TempDir Path dir;

  @Test
  void aStoreWrittenBeforeLettersHadAStateShowsTheirsAsDeadAndCanSendThemBack() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.maxSeq();
    }
    // Back to schema version 2, as an older DataSipper left it, with one dead letter.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(EventStore.FILE_NAME));
        Statement s = c.createStatement()) {
      s.executeUpdate("DROP TABLE event_keys");
      s.executeUpdate("DROP TABLE event_text");
      s.executeUpdate("DROP TABLE event_time_spans");
      s.executeUpdate("DROP TABLE retention_drops");
      s.executeUpdate("DROP INDEX dead_letters_requeued");
      s.executeUpdate("DROP INDEX dead_letters_output");
      s.executeUpdate("ALTER TABLE dead_letters DROP COLUMN state");
      s.executeUpdate("ALTER TABLE dead_letters DROP COLUMN redeliveries");
      s.executeUpdate("ALTER TABLE dead_letters DROP COLUMN state_at");
      s.executeUpdate("INSERT INTO dead_letters (at, stream, output, source_seq, event_id, record, error)"
          + " VALUES ('2026-11-26T12:00:00Z', 'frames', 'out', 7, 'e7', '{\"n\":7}', 'HTTP 413')");
      s.executeUpdate("PRAGMA user_version = 2");
    }

    try (EventStore store = EventStore.open(dir)) {
      DeadLetters letters = new DeliveryLedger(store).redeliveries();
      DeadLetters.Entry old = letters.page(null, null, 0, 10).getFirst();
      assertThat(old.state()).isEqualTo(DeadLetters.State.DEAD);
      assertThat(old.redeliveries()).isZero();
      assertThat(old.stateAt()).isNull();
      assertThat(old.letter().record()).isEqualTo("{\"n\":7}");
      assertThat(letters.requeue(old.id()).orElseThrow().state()).isEqualTo(DeadLetters.State.REQUEUED);
      assertThat(letters.requeued("out", 10)).extracting(DeadLetters.Entry::id).containsExactly(old.id());
    }
  }

  @Test
  void onlyLettersWithAnOutputAreSentBackAndEachStateIsKept() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      DeliveryLedger ledger = new DeliveryLedger(store);
      ledger.addDeadLetters(List.of(letter("a", "out", 1), letter("a", null, 2), letter("b", "out", 3),
          letter("b", "other", 4)));
      DeadLetters letters = ledger.redeliveries();
      List<DeadLetters.Entry> all = letters.page(null, null, 0, 10);

      assertThat(letters.requeue(all.get(1).id()).orElseThrow().state()).as("no output").isEqualTo(DeadLetters.State.DEAD);
      assertThat(letters.requeue(null, "out")).isEqualTo(2);
      assertThat(letters.requeue(null, "out")).as("requeued already").isZero();
      letters.delivered(List.of(all.get(0).id()));
      letters.refusedAgain(all.get(2).id(), "HTTP 400 again");

      assertThat(letters.requeued("out", 10)).isEmpty();
      List<DeadLetters.Entry> after = letters.page(null, null, 0, 10);
      assertThat(after).extracting(DeadLetters.Entry::state).containsExactly(DeadLetters.State.DELIVERED,
          DeadLetters.State.DEAD, DeadLetters.State.DEAD, DeadLetters.State.DEAD);
      assertThat(after.get(2).letter().error()).isEqualTo("HTTP 400 again");
      assertThat(after.get(2).redeliveries()).isEqualTo(1);
      assertThat(letters.page("b", null, after.get(2).id(), 10)).extracting(e -> e.letter().sourceSeq())
          .containsExactly(4L);
      assertThat(letters.get(999)).isEmpty();
      assertThat(letters.requeue(999)).isEmpty();
    }
  }

  @Test
  void discardingDeletesLettersForGoodButKeepsOneItsOutputIsStillToWriteAgain() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      DeliveryLedger ledger = new DeliveryLedger(store);
      ledger.addDeadLetters(List.of(letter("a", "out", 1), letter("a", null, 2), letter("b", "out", 3),
          letter("b", "out", 4), letter("b", "other", 5)));
      DeadLetters letters = ledger.redeliveries();
      List<DeadLetters.Entry> all = letters.page(null, null, 0, 10);
      letters.requeue(all.get(3).id());

      assertThat(letters.discard(all.get(1).id())).as("a transform's letter").isEqualTo(DeadLetters.Discarded.DISCARDED);
      assertThat(letters.discard(all.get(1).id())).as("gone").isEqualTo(DeadLetters.Discarded.NO_SUCH_LETTER);
      assertThat(letters.discard(all.get(3).id())).isEqualTo(DeadLetters.Discarded.BEING_SENT_BACK);
      assertThat(letters.discard("b", "out")).as("the dead one of b to out, not the requeued one").isEqualTo(1);

      assertThat(letters.page(null, null, 0, 10)).extracting(e -> e.letter().sourceSeq()).containsExactly(1L, 4L, 5L);
      assertThat(letters.requeued("out", 10)).extracting(e -> e.letter().sourceSeq()).containsExactly(4L);
      assertThat(letters.discard(null, null)).isEqualTo(2);
      assertThat(letters.page(null, null, 0, 10)).extracting(e -> e.letter().sourceSeq()).containsExactly(4L);
    }
  }

  private static DeliveryLedger.DeadLetter letter(String stream, String output, long seq) {
    return new DeliveryLedger.DeadLetter(Instant.now(), stream, output, seq, "e" + seq, "{\"n\":" + seq + "}", "HTTP 413");
  }
}
