package io.datasipper.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.Function;

/**
 * {@link UrlHost#of} as an SQL function, so that a migration fills the host column of events
 * stored before it with the same hosts the store's insert writes.
 */
final class UrlHostFunction extends Function {
  static final String NAME = "datasipper_url_host";

  static void register(Connection c) throws SQLException {
    Function.create(c, NAME, new UrlHostFunction(), 1, FLAG_DETERMINISTIC);
  }

  static void unregister(Connection c) throws SQLException {
    Function.destroy(c, NAME);
  }

  @Override
  protected void xFunc() throws SQLException {
    String host = UrlHost.of(value_text(0));
    if (host == null) {
      result();
    } else {
      result(host);
    }
  }
}
