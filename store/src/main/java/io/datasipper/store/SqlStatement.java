package io.datasipper.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One statement of a user's SQL, run on a connection that can only read: opened read-only, and
 * with {@code PRAGMA query_only} on, so that neither the store's file nor anything it could attach
 * is changed, whatever the statement says.
 */
final class SqlStatement {
  /** sqlite-jdbc's message: the code, its generic text, then SQLite's own words in parentheses. */
  private static final Pattern SQLITE_MESSAGE = Pattern.compile("^\\[SQLITE_\\w+][^(]*\\((.*)\\)$", Pattern.DOTALL);

  private SqlStatement() {}

  /** Makes the views on {@code c} and turns writing off for the rest of its life. */
  static void prepare(Connection c, StoreCipher cipher) throws SQLException {
    if (cipher.encrypts()) {
      OpenFunction.register(c, cipher);
      UrlHostFunction.register(c);
    }
    try (Statement s = c.createStatement()) {
      for (String view : SqlViews.create(cipher.encrypts())) {
        s.executeUpdate(view);
      }
      s.executeUpdate("PRAGMA query_only = 1");
    }
  }

  /**
   * Runs {@code sql} on a connection that {@link #prepare} made read-only.
   *
   * @throws IllegalArgumentException when SQLite refuses the statement, or it would write, or returns no rows
   */
  static void run(Connection c, String sql, SqlRows rows) {
    if (sql.isBlank()) {
      throw new IllegalArgumentException("query: no SQL given");
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (!ps.execute()) {
        throw new IllegalArgumentException("query: the statement returns no rows; give a SELECT");
      }
      try (ResultSet rs = ps.getResultSet()) {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> names = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          names.add(meta.getColumnLabel(i));
        }
        rows.columns(names);
        while (rs.next()) {
          List<Object> values = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            values.add(value(rs.getObject(i)));
          }
          rows.row(values);
        }
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException(refusal(e), e);
    }
  }

  private static Object value(Object v) {
    return v instanceof Integer i ? Long.valueOf(i) : v;
  }

  private static String refusal(SQLException e) {
    if (e instanceof SQLiteException s && (s.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_READONLY.code) {
      return "query: the statement would write; queries only read the data directory (SELECT, WITH, EXPLAIN)";
    }
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    Matcher m = SQLITE_MESSAGE.matcher(message);
    return "query: " + (m.matches() ? m.group(1) : message);
  }
}
