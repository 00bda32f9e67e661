package io.datasipper.output.sql;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts a failed insert into the record's fault (dead-letter it) or anything else (retry later).
 * Only SQLSTATE classes 22 (data exception: too long, bad number or date, invalid JSON) and 23
 * (integrity: not null, check) blame the record; a lost connection, a restarting server, a missing
 * table or privileges are not the record's fault and may be fixed while the pipeline retries.
 */
final class SqlErrors {
  private SqlErrors() {}

  static boolean isDataError(SQLException error) {
    boolean data = false;
    for (SQLException e : chain(error)) {
      if (isConnectionProblem(e)) {
        return false;
      }
      String state = e.getSQLState();
      data |= state != null && (state.startsWith("22") || state.startsWith("23"));
    }
    return data;
  }

  /** The innermost message with its SQLSTATE: a batch's error only says which entry failed. */
  static String describe(SQLException error) {
    List<SQLException> chain = chain(error);
    SQLException last = chain.getLast();
    String message = last.getMessage() == null ? last.toString() : last.getMessage().strip();
    return message + (last.getSQLState() == null ? "" : " (SQLState " + last.getSQLState() + ")");
  }

  private static boolean isConnectionProblem(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLNonTransientConnectionException || e instanceof SQLTransientConnectionException
        || e instanceof SQLRecoverableException
        || (state != null && (state.startsWith("08") || state.startsWith("57P")));
  }

  /** The error, the errors it chains (a batch's next exceptions) and its SQL causes, bounded. */
  private static List<SQLException> chain(SQLException error) {
    List<SQLException> chain = new ArrayList<>();
    SQLException e = error;
    while (e != null && chain.size() < 10 && !chain.contains(e)) {
      chain.add(e);
      e = e.getNextException() != null ? e.getNextException()
          : e.getCause() instanceof SQLException cause ? cause : null;
    }
    return chain;
  }
}
