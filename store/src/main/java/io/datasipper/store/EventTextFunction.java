package io.datasipper.store;

import io.datasipper.api.json.EventJson;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.Function;

/**
 * {@link EventText#body} of an event's stored JSON as an SQL function, so that a migration indexes
 * the events stored before it as the store's insert indexes new ones. A row whose JSON no longer
 * reads as an event has no body to find.
 */
final class EventTextFunction extends Function {
  static final String NAME = "datasipper_event_body_text";

  static void register(Connection c) throws SQLException {
    Function.create(c, NAME, new EventTextFunction(), 1, FLAG_DETERMINISTIC);
  }

  static void unregister(Connection c) throws SQLException {
    Function.destroy(c, NAME);
  }

  @Override
  protected void xFunc() throws SQLException {
    String body;
    try {
      body = EventText.body(EventJson.read(value_blob(0)));
    } catch (IllegalArgumentException unreadable) {
      body = null;
    }
    if (body == null) {
      result();
    } else {
      result(body);
    }
  }
}
