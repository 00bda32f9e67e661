package io.datasipper.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.Function;

/**
 * {@link StoreCipher#open} as an SQL function, {@code datasipper_open(column, row, value)}: the
 * text a sealed column holds, for the SQL views of an encrypted store. Registered on a query's own
 * connection only, never on one that writes.
 */
final class OpenFunction extends Function {
  static final String NAME = "datasipper_open";

  private final StoreCipher cipher;

  private OpenFunction(StoreCipher cipher) {
    this.cipher = cipher;
  }

  static void register(Connection c, StoreCipher cipher) throws SQLException {
    Function.create(c, NAME, new OpenFunction(cipher), 3, FLAG_DETERMINISTIC);
  }

  @Override
  protected void xFunc() throws SQLException {
    byte[] stored = value_blob(2);
    if (stored == null) {
      result();
      return;
    }
    try {
      result(cipher.openText(value_text(0), value_long(1), stored));
    } catch (IllegalArgumentException e) {
      result(); // a row altered on disk reads as null, as a row whose JSON no longer parses does
    }
  }
}
