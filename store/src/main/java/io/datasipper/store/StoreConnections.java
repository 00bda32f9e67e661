package io.datasipper.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** How the store's connections to SQLite are set up: the one that writes and those that read. */
final class StoreConnections {
  /** How long a statement waits for another connection's lock (another process's migration). */
  private static final int BUSY_TIMEOUT_MS = 10_000;
  private static final int JOURNAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

  private StoreConnections() {}

  static SQLiteConfig writer(StoreCipher cipher) {
    SQLiteConfig config = reader(cipher);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    // Take the write lock when the transaction starts, not at its first write: two connections
    // that both read then try to write would otherwise fail with SQLITE_BUSY instead of waiting.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    // The WAL file keeps the size of the largest transaction it held; past this it is cut back
    // after a checkpoint, so that deleting events shrinks the files and not only the database.
    config.setJournalSizeLimit(JOURNAL_SIZE_LIMIT_BYTES);
    return config;
  }

  static SQLiteConfig reader(StoreCipher cipher) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    if (cipher.encrypts()) {
      // A sort or a temporary index over decrypted values (an SQL query's) would otherwise be
      // written in plain text to a file in the temporary directory.
      config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    }
    return config;
  }

  /**
   * Keeps the temporary tables and sort files of a connection opened before the store's key was
   * known in memory, as {@link #reader} does for an encrypted store's connections.
   */
  static void keepTempFilesInMemory(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("PRAGMA temp_store = MEMORY");
    }
  }

  static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // Nothing left to do with a connection that cannot even be closed.
    }
  }
}
