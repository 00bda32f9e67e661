package io.datasipper.output.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.datasipper.api.output.OutputConfigException;
import io.datasipper.pipeline.Outputs;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings are checked when the config loads, without a database. */
class SqlConfigTest {
  static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

  @Test
  void theFactoryIsFoundAndLoadsFullConfigs() throws Exception {
    assertThat(new Outputs().knows("sql")).isTrue();
    assertThat(new SqlOutputFactory().create("pg", Map.of("url", PG, "user", "u", "password", "p",
        "table", "capture.events", "create_table", true, "timeout_ms", 3_000))).isNotNull();
    assertThat(new SqlOutputFactory().create("maria", Map.of("url", "jdbc:mariadb://127.0.0.1:3306/test",
        "table", "Frames", "columns", Map.of("id", "${event_id}", "label", "${stream}/${value.request.method}")))).isNotNull();
  }

  @Test
  void badSettingsNameTheirKey() {
    assertThat(error(Map.of("table", "t"))).hasMessageStartingWith("url: missing; expected the JDBC url");
    assertThat(error(Map.of("url", PG))).hasMessageStartingWith("table: missing; expected the table to insert into");
    assertThat(error(Map.of("url", "jdbc:mysql://h/db?password=secret", "table", "t")))
        .hasMessage("url jdbc:mysql://h/… must start with jdbc:postgresql:// or jdbc:mariadb://");
    assertThat(error(Map.of("url", "jdbc:mysql://root:hunter2@h/db", "table", "t")))
        .hasMessage("url jdbc:mysql://h/… must start with jdbc:postgresql:// or jdbc:mariadb://");
    assertThat(error(Map.of("url", PG, "table", "t; DROP TABLE x")).key()).isEqualTo("table");
    assertThat(error(Map.of("url", PG, "table", "a.b.c")).key()).isEqualTo("table");
    assertThat(error(Map.of("url", PG, "table", "1abc")).key()).isEqualTo("table");
    assertThat(error(Map.of("url", PG, "table", "t", "columns", Map.of("bad name", "${seq}"))).key())
        .isEqualTo("columns.bad name");
    assertThat(error(Map.of("url", PG, "table", "t", "columns", Map.of("id", "${nope}"))))
        .hasMessageStartingWith("columns.id ${nope} has an unknown placeholder ${nope}");
    assertThat(error(Map.of("url", PG, "table", "t", "columns", Map.of("id", 5))).key()).isEqualTo("columns.id");
    assertThat(error(Map.of("url", PG, "table", "t", "columns", Map.of("id", "${event_id}"), "create_table", true))
        .key()).isEqualTo("create_table");
    assertThat(error(Map.of("url", PG, "table", "t", "create_table", "yes")).key()).isEqualTo("create_table");
    assertThat(error(Map.of("url", PG, "table", "t", "timeout_ms", -1)).key()).isEqualTo("timeout_ms");
    assertThat(error(Map.of("url", PG, "table", "t", "password", 42))).hasMessage("password must be a string");
    assertThat(error(Map.of("url", PG, "table", "t", "batch", 10)))
        .hasMessage("batch: unknown key; allowed in this output: url, user, password, table, columns, create_table, timeout_ms");
  }

  @Test
  void theInsertSkipsRowsThatAreAlreadyThere() throws Exception {
    Map<String, Object> s = new HashMap<>(Map.of("url", PG, "table", "capture.events"));
    SqlSettings pg = SqlSettings.read(s);
    assertThat(pg.dialect().insert(pg.quotedTable(), pg.columns())).isEqualTo("INSERT INTO \"capture\".\"events\""
        + " (\"event_id\", \"stream\", \"source_seq\", \"type\", \"captured_at\", \"payload\")"
        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    s.put("url", "jdbc:mariadb://127.0.0.1/test");
    SqlSettings maria = SqlSettings.read(s);
    assertThat(maria.dialect().insert(maria.quotedTable(), maria.columns()))
        .endsWith("VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE `event_id` = `event_id`");
  }

  private static OutputConfigException error(Map<String, Object> settings) {
    return catchThrowableOfType(OutputConfigException.class, () -> new SqlOutputFactory().create("bad", settings));
  }
}
