package io.datasipper.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether a store is encrypted, as its {@code store_encryption} table says: a store is made plain
 * or encrypted and stays so. Checked when the store opens, before anything is written, so that the
 * wrong key, no key for an encrypted store or a key for a plain one stops at once with one line
 * and changes nothing, rather than failing at the first read or mixing plain and sealed rows.
 */
final class StoreEncryption {
  private StoreEncryption() {}

  /**
   * The cipher for a store opened with {@code key} (null: none).
   *
   * @throws StoreException naming the store and what to do, when the key does not fit the store
   */
  static StoreCipher check(Connection c, String describedFile, StoreKey key) throws SQLException, StoreException {
    StoreCipher cipher = key == null ? StoreCipher.NONE : new StoreCipher(key);
    if (Migrations.checkedVersion(c, describedFile) == 0) {
      return cipher; // a new store: made as the key says
    }
    String check = keyCheck(c);
    if (check == null && key != null) {
      throw new StoreException(describedFile + " is not encrypted, but a store key is set (" + StoreKey.ENVIRONMENT
          + " or store.encryption.key_file): unset it to open this store, or use a new data directory to encrypt");
    }
    if (check != null && key == null) {
      throw new StoreException(describedFile + " is encrypted: set its key with " + StoreKey.ENVIRONMENT
          + " or store.encryption.key_file");
    }
    if (check != null && !check.equals(cipher.keyCheck())) {
      throw new StoreException(describedFile + " is encrypted with another key than the one set ("
          + StoreKey.ENVIRONMENT + " or store.encryption.key_file)");
    }
    return cipher;
  }

  /** Marks a new store as encrypted with {@code cipher}'s key, if it encrypts; in the migration's transaction. */
  static void mark(Connection c, StoreCipher cipher) throws SQLException {
    if (!cipher.encrypts()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_encryption (key_check) VALUES (?)")) {
      ps.setString(1, cipher.keyCheck());
      ps.executeUpdate();
    }
  }

  /** The key check of an encrypted store; null for a plain one, or one older than the table. */
  private static String keyCheck(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'store_encryption'")) {
      if (!rs.next()) {
        return null;
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT key_check FROM store_encryption")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
