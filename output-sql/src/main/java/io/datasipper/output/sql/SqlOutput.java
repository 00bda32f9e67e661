package io.datasipper.output.sql;

import io.datasipper.api.output.MissingFieldException;
import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts each batch as one JDBC batch in one transaction; the insert skips rows whose key is
 * already there, so a batch sent again after a lost acknowledgement adds no duplicates.
 *
 * <p>A failed batch is rolled back. When the error is the data's fault (too long, bad type), the
 * batch is inserted again one record per transaction so that only the record at fault is
 * dead-lettered; any other error drops the connection and asks for a retry, and the next write
 * connects again.
 */
final class SqlOutput implements Output {
  private static final Logger LOG = LoggerFactory.getLogger(SqlOutput.class);

  private final String name;
  private final SqlSettings settings;
  private final String insert;
  private Connection connection;

  SqlOutput(String name, SqlSettings settings) {
    this.name = name;
    this.settings = settings;
    this.insert = settings.dialect().insert(settings.quotedTable(), settings.columns());
  }

  @Override
  public void start() throws SQLException {
    connect();
  }

  @Override
  public WriteResult write(List<OutputRecord> batch) {
    List<Object[]> rows = new ArrayList<>(batch.size());
    String missing = null;
    for (OutputRecord r : batch) {
      try {
        rows.add(row(r));
      } catch (MissingFieldException e) {
        missing = e.getMessage(); // the rows before it are written, then it is refused
        break;
      }
    }
    WriteResult result = rows.isEmpty() ? WriteResult.allDelivered(0) : insert(rows);
    if (missing != null && result.outcome() == WriteResult.Outcome.ALL_DELIVERED) {
      return WriteResult.rejected(rows.size(), missing);
    }
    return result;
  }

  private WriteResult insert(List<Object[]> rows) {
    try {
      if (connection == null) {
        connect();
      }
    } catch (SQLException e) {
      return WriteResult.retry(0, "cannot connect: " + SqlErrors.describe(e));
    }
    try {
      execute(rows);
      return WriteResult.allDelivered(rows.size());
    } catch (SQLException e) {
      rollback();
      if (!SqlErrors.isDataError(e)) {
        disconnect();
        return WriteResult.retry(0, SqlErrors.describe(e));
      }
      LOG.debug("output {}: a record of the batch was refused ({}); inserting one by one", name, SqlErrors.describe(e));
      return oneByOne(rows);
    }
  }

  private WriteResult oneByOne(List<Object[]> rows) {
    for (int i = 0; i < rows.size(); i++) {
      try {
        execute(rows.subList(i, i + 1));
      } catch (SQLException e) {
        rollback();
        if (SqlErrors.isDataError(e)) {
          return WriteResult.rejected(i, SqlErrors.describe(e));
        }
        disconnect();
        return WriteResult.retry(i, SqlErrors.describe(e));
      }
    }
    return WriteResult.allDelivered(rows.size());
  }

  /** Inserts the rows and commits: they are delivered only once the commit returned. */
  private void execute(List<Object[]> rows) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(insert)) {
      for (Object[] row : rows) {
        for (int c = 0; c < row.length; c++) {
          bind(statement, c + 1, row[c]);
        }
        statement.addBatch();
      }
      statement.executeBatch();
    }
    connection.commit();
  }

  private void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    switch (value) {
      case null -> statement.setNull(index, Types.NULL);
      case Long n -> statement.setLong(index, n);
      case Instant at -> settings.dialect().bindInstant(statement, index, at);
      default -> statement.setString(index, value.toString());
    }
  }

  private Object[] row(OutputRecord record) throws MissingFieldException {
    List<Column> columns = settings.columns();
    Object[] row = new Object[columns.size()];
    for (int c = 0; c < row.length; c++) {
      row[c] = columns.get(c).value().of(record);
    }
    return row;
  }

  private void connect() throws SQLException {
    disconnect();
    Properties properties = settings.dialect().defaults(settings.timeoutMs());
    if (settings.user() != null) {
      properties.setProperty("user", settings.user());
    }
    if (settings.password() != null) {
      properties.setProperty("password", settings.password());
    }
    Connection c = DriverManager.getConnection(settings.url(), properties);
    try {
      settings.dialect().prepare(c);
      c.setAutoCommit(false);
      if (settings.createTable()) {
        try (Statement s = c.createStatement()) {
          s.execute(settings.dialect().createTable(settings.quotedTable()));
        }
        c.commit();
      }
    } catch (SQLException e) {
      close(c);
      throw e;
    }
    connection = c;
  }

  private void rollback() {
    try {
      if (connection != null && !connection.isClosed()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      disconnect(); // a connection that cannot roll back is of no further use
    }
  }

  private void disconnect() {
    close(connection);
    connection = null;
  }

  private static void close(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      // already broken: nothing to release
    }
  }

  @Override
  public void stop() {
    disconnect();
  }
}
