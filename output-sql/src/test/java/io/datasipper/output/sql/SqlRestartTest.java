package io.datasipper.output.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.output.testkit.OutputEvents;
import io.datasipper.output.testkit.OutputUnderTest;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineStats;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault test: the database goes down in the middle of a delivery and comes back (PostgreSQL:
 * cluster restart, sessions ended; MariaDB: SIGKILL, then started again). Every event must be a
 * row afterwards, and exactly one row: batches whose commit was not acknowledged are sent again
 * and the idempotent insert skips what had arrived.
 */
class SqlRestartTest {
  static final OutputUnderTest SQL = new OutputUnderTest("sql", "sql");
  static final int EVENTS = 30_000;
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Db.class)
  void everyEventIsExactlyOneRowAcrossADatabaseRestart(Db db) throws Exception {
    db.require();
    String table = db.newTable("restart");
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      OutputEvents.fill(store, 1, EVENTS, 200);
      Pipeline pipeline = Pipeline.start(SQL.pipeline(db.settings(table, "create_table", true)), store,
          new Outputs(), null);
      PipelineStats.OutputCounters stats = pipeline.stats().output("sql");
      waitUntil(() -> stats.delivered() >= EVENTS / 10);
      long deliveredAtRestart = stats.delivered();
      db.restart();
      assertThat(pipeline.drain(Duration.ofSeconds(180))).as("drained after the restart").isTrue();

      DeliveryLedger ledger = new DeliveryLedger(store);
      assertThat(ledger.deadLetters("frames", 10)).isEmpty();
      assertThat(ledger.deadLetters("calls", 10)).isEmpty();
      assertThat(deliveredAtRestart).as("the restart came mid-stream").isLessThan(EVENTS);
      assertThat(stats.retries()).as("the output saw the outage").isPositive();
      Map<Long, Integer> copies = copiesBySeq(db, table);
      assertThat(copies.keySet()).containsExactlyElementsOf(LongStream.rangeClosed(1, EVENTS).boxed().toList());
      assertThat(copies.values()).as("rows per event").containsOnly(1);
      System.out.printf("%s restart: %d events, %d delivered before the restart, %d retries, %d rows%n",
          db.label, EVENTS, deliveredAtRestart, stats.retries(), db.count(table));
    } finally {
      db.drop(table);
    }
  }

  private static Map<Long, Integer> copiesBySeq(Db db, String table) throws Exception {
    Map<Long, Integer> copies = new TreeMap<>();
    List<List<Object>> rows = db.query("SELECT source_seq FROM " + table, 1);
    rows.forEach(r -> copies.merge(((Number) r.getFirst()).longValue(), 1, Integer::sum));
    return copies;
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 120 s").isLessThan(deadline);
      Thread.sleep(1);
    }
  }
}
