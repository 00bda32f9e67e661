package io.datasipper.output.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import io.datasipper.output.testkit.Delivery;
import io.datasipper.output.testkit.OutputEvents;
import io.datasipper.output.testkit.OutputUnderTest;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.testkit.SampleEvents;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The SQL output through the pipeline into the local PostgreSQL and MariaDB. */
class SqlOutputTest {
  static final OutputUnderTest SQL = new OutputUnderTest("sql", "sql");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final List<Runnable> cleanup = new ArrayList<>();

  @AfterEach
  void dropTables() {
    cleanup.forEach(Runnable::run);
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void createTableMakesTheDefaultSchemaAndEveryEventBecomesOneRow(Db db) throws Exception {
    String table = table(db, "default");
    Delivery d = SQL.deliver(dir, db.settings(table, "create_table", true), 300);
    assertThat(d.stats().delivered()).isEqualTo(300);
    assertThat(d.deadLetters()).isEmpty();

    List<List<Object>> rows = db.query("SELECT event_id, stream, source_seq, type, captured_at, payload FROM " + table
        + " ORDER BY source_seq", 6);
    assertThat(rows).hasSize(300);
    for (long seq = 1; seq <= 300; seq++) {
      List<Object> row = rows.get((int) seq - 1);
      assertThat(row.get(0)).isEqualTo("e" + seq);
      assertThat(row.get(1)).isEqualTo(SampleEvents.isFrame(seq) ? "frames" : "calls");
      assertThat(((Number) row.get(2)).longValue()).isEqualTo(seq);
      assertThat(row.get(3)).isEqualTo(SampleEvents.isFrame(seq) ? "ws_frame" : "http");
      assertThat(instant(db, row.get(4))).isEqualTo(SampleEvents.T0.plusMillis(seq));
      assertThat(JSON.readTree(row.get(5).toString())).isEqualTo(OutputEvents.value(seq));
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void theTypeColumnNamesTheCapturedEventAlsoWhenATransformReshapedIt(Db db) throws Exception {
    String table = table(db, "reshaped");
    Output output = new SqlOutputFactory().create("reshaped", db.settings(table, "create_table", true));
    output.start();
    try {
      OutputRecord reshaped = OutputRecord.ofTree("prices", 7, "e7", "c1", "ws_frame",
          JSON.readTree("{\"symbol\":\"ACME\",\"price\":12.5}"));
      assertThat(output.write(List.of(reshaped)).outcome()).isEqualTo(WriteResult.Outcome.ALL_DELIVERED);
    } finally {
      output.stop();
    }
    List<List<Object>> rows = db.query("SELECT event_id, type, captured_at, payload FROM " + table, 4);
    assertThat(rows).hasSize(1);
    assertThat(rows.getFirst().subList(0, 3)).containsExactly("e7", "ws_frame", null);
    assertThat(JSON.readTree(rows.getFirst().get(3).toString())).isEqualTo(JSON.readTree("{\"symbol\":\"ACME\",\"price\":12.5}"));
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void deliveringTheSameEventsTwiceLeavesOneRowEach(Db db) throws Exception {
    String table = table(db, "idem");
    Map<String, Object> settings = db.settings(table, "create_table", true);
    // Two stores with the same events: the second run redelivers every record, as after a crash.
    Delivery first = SQL.deliver(dir.resolve("first"), settings, 1_200);
    Delivery second = SQL.deliver(dir.resolve("second"), settings, 1_500);
    assertThat(first.stats().delivered()).isEqualTo(1_200);
    assertThat(second.stats().delivered()).isEqualTo(1_500);
    assertThat(db.count(table)).isEqualTo(1_500);
    assertThat(db.query("SELECT COUNT(DISTINCT event_id) FROM " + table, 1).getFirst().getFirst())
        .satisfies(n -> assertThat(((Number) n).longValue()).isEqualTo(1_500));
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void customColumnsTakeTemplates(Db db) throws Exception {
    String table = table(db, "custom");
    db.execute("CREATE TABLE " + table + " (id VARCHAR(64) PRIMARY KEY, kind VARCHAR(16), seq BIGINT, label TEXT)");
    Delivery d = SQL.deliver(dir, db.settings(table, "columns",
        Map.of("id", "${event_id}", "kind", "${type}", "seq", "${seq}", "label", "${stream}:${value.url}")), 90);
    assertThat(d.stats().delivered()).isEqualTo(90);
    List<List<Object>> rows = db.query("SELECT id, kind, seq, label FROM " + table + " ORDER BY seq", 4);
    assertThat(rows).hasSize(90);
    assertThat(rows.get(2)).containsExactly("e3", "http", 3L, "calls:http://127.0.0.1/api/orders/3");
    assertThat(rows.get(3)).containsExactly("e4", "ws_frame", 4L, "frames:ws://127.0.0.1/ws");
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void aRecordWithoutATemplateFieldIsDeadLetteredAndTheOthersAreWritten(Db db) throws Exception {
    String table = table(db, "missing");
    db.execute("CREATE TABLE " + table + " (id VARCHAR(64) PRIMARY KEY, status INTEGER)");
    Delivery d = SQL.deliver(dir, db.settings(table, "columns",
        Map.of("id", "${event_id}", "status", "${value.response.status}")), 30);
    // Only HTTP exchanges have a response; the frames cannot be written as configured.
    assertThat(d.stats().delivered()).isEqualTo(10);
    assertThat(d.deadLetters()).hasSize(20).allSatisfy(dead -> assertThat(dead.error())
        .startsWith("${value.response.status}: value.response.status is missing from the value (event e"));
    assertThat(db.query("SELECT id, status FROM " + table + " ORDER BY id", 2)).hasSize(10)
        .allSatisfy(row -> assertThat(((Number) row.get(1)).intValue()).isEqualTo(200));
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void aValueTheTableRefusesDeadLettersThatRecordOnly(Db db) throws Exception {
    String table = table(db, "toolong");
    db.execute("CREATE TABLE " + table + " (id VARCHAR(64) PRIMARY KEY, seq BIGINT, url VARCHAR(30))");
    Delivery d = SQL.deliver(dir, db.settings(table, "columns",
        Map.of("id", "${event_id}", "seq", "${seq}", "url", "${value.url}")), 120);
    // http://127.0.0.1/api/orders/NNN is 31 characters from 100 on: the HTTP events 102..120.
    List<Long> refused = LongStream.rangeClosed(100, 120).filter(s -> !SampleEvents.isFrame(s)).boxed().toList();
    assertThat(d.deadLetters()).extracting(DeliveryLedger.DeadLetter::sourceSeq).containsExactlyInAnyOrderElementsOf(refused);
    assertThat(d.deadLetters()).allSatisfy(dead -> assertThat(dead.error()).contains("22001"));
    assertThat(d.stats().delivered()).isEqualTo(120 - refused.size());
    assertThat(db.count(table)).isEqualTo(120 - refused.size());
  }

  private String table(Db db, String purpose) {
    db.require();
    String table = db.newTable(purpose);
    cleanup.add(() -> {
      try {
        db.drop(table);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("cannot drop " + table, e);
      }
    });
    return table;
  }

  /** captured_at as read back: PostgreSQL's TIMESTAMPTZ is an instant; MariaDB's DATETIME holds UTC wall time. */
  static Instant instant(Db db, Object column) {
    return switch (column) {
      case OffsetDateTime t -> t.toInstant();
      case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
      case Timestamp t -> db == Db.POSTGRESQL ? t.toInstant() : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
      default -> throw new AssertionError("not a time: " + column);
    };
  }
}
