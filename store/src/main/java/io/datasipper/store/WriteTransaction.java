package io.datasipper.store;

import java.sql.Connection;
import java.sql.SQLException;

/** One transaction on the store's write connection. */
final class WriteTransaction {
  private WriteTransaction() {}

  /**
   * Runs the action in one transaction on {@code writer}. A failed transaction is rolled back, and
   * the failure that ended it is the one thrown: SQLite may have rolled it back itself (it does on
   * a full disk), so the rollback and the return to autocommit may fail too, and their errors ("no
   * transaction is active") must not hide the cause.
   */
  static void run(Connection writer, EventStore.SqlAction<Void> action) throws SQLException {
    writer.setAutoCommit(false);
    try {
      try {
        action.run(writer);
      } catch (UncheckedSql e) {
        throw (SQLException) e.getCause();
      }
      writer.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        writer.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      try {
        writer.setAutoCommit(true);
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    writer.setAutoCommit(true);
  }

  /**
   * An SQL failure on its way out of a callback that cannot throw it; {@link #run} rolls back and
   * throws the failure itself.
   */
  static final class UncheckedSql extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedSql(SQLException cause) {
      super(cause);
    }
  }
}
