package io.datasipper.output.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/** What differs between the two supported databases: quoting, the idempotent insert, the default table, types. */
enum Dialect {
  POSTGRESQL("jdbc:postgresql://") {
    @Override
    String quote(String identifier) {
      return '"' + identifier + '"';
    }

    @Override
    String insert(String table, List<Column> columns) {
      // No conflict target: the key column of a custom mapping is unknown, and any unique key
      // conflict here means the row is already there (at-least-once redelivery).
      return insertInto(table, columns) + " ON CONFLICT DO NOTHING";
    }

    @Override
    String createTable(String table) {
      return "CREATE TABLE IF NOT EXISTS " + table + " (event_id TEXT PRIMARY KEY, stream TEXT NOT NULL,"
          + " source_seq BIGINT NOT NULL, type TEXT, captured_at TIMESTAMPTZ, payload JSONB NOT NULL)";
    }

    @Override
    void bindInstant(PreparedStatement statement, int index, Instant at) throws SQLException {
      statement.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    @Override
    Properties defaults(long timeoutMs) {
      Properties p = new Properties();
      // Text parameters are sent untyped, so the server converts them to the column's type
      // (jsonb, integer, timestamptz) as it would a literal; otherwise jsonb refuses varchar.
      p.setProperty("stringtype", "unspecified");
      p.setProperty("reWriteBatchedInserts", "true");
      String seconds = Long.toString(Math.max(1, (timeoutMs + 999) / 1000));
      p.setProperty("connectTimeout", seconds);
      p.setProperty("socketTimeout", seconds);
      return p;
    }
  },

  MARIADB("jdbc:mariadb://") {
    @Override
    String quote(String identifier) {
      return '`' + identifier + '`';
    }

    @Override
    String insert(String table, List<Column> columns) {
      // Not INSERT IGNORE: IGNORE also turns too-long and badly typed values into warnings and
      // stores them truncated, where such a record must be dead-lettered instead.
      String first = quote(columns.getFirst().name());
      return insertInto(table, columns) + " ON DUPLICATE KEY UPDATE " + first + " = " + first;
    }

    @Override
    String createTable(String table) {
      return "CREATE TABLE IF NOT EXISTS " + table + " (event_id VARCHAR(128) NOT NULL PRIMARY KEY,"
          + " stream VARCHAR(255) NOT NULL, source_seq BIGINT NOT NULL, type VARCHAR(64), captured_at DATETIME(6),"
          + " payload JSON NOT NULL) DEFAULT CHARSET = utf8mb4";
    }

    @Override
    void bindInstant(PreparedStatement statement, int index, Instant at) throws SQLException {
      // DATETIME has no zone: captured_at is stored in UTC whatever the session's time zone.
      statement.setObject(index, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    @Override
    Properties defaults(long timeoutMs) {
      Properties p = new Properties();
      p.setProperty("connectTimeout", Long.toString(timeoutMs));
      p.setProperty("socketTimeout", Long.toString(timeoutMs));
      return p;
    }

    @Override
    void prepare(Connection connection) throws SQLException {
      // Strict mode, whatever the server's default: without it MariaDB truncates a too-long value
      // with a warning, and the record would be stored damaged instead of dead-lettered.
      try (Statement s = connection.createStatement()) {
        s.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',STRICT_ALL_TABLES')");
      }
    }
  };

  final String urlPrefix;

  Dialect(String urlPrefix) {
    this.urlPrefix = urlPrefix;
  }

  abstract String quote(String identifier);

  abstract String insert(String table, List<Column> columns);

  abstract String createTable(String table);

  abstract void bindInstant(PreparedStatement statement, int index, Instant at) throws SQLException;

  /** Driver properties; the url's own parameters override them. */
  abstract Properties defaults(long timeoutMs);

  /** Session settings after connecting. */
  void prepare(Connection connection) throws SQLException {}

  /** {@code schema.table} quoted part by part. */
  String table(String name) {
    return java.util.Arrays.stream(name.split("\\.")).map(this::quote).collect(Collectors.joining("."));
  }

  String insertInto(String table, List<Column> columns) {
    return "INSERT INTO " + table + " (" + columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "))
        + ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
  }

  static Dialect of(String url) {
    for (Dialect d : values()) {
      if (url.startsWith(d.urlPrefix)) {
        return d;
      }
    }
    return null;
  }

}
