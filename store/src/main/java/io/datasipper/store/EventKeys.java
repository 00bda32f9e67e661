package io.datasipper.store;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.json.IsoInstants;
import java.time.Instant;

/**
 * The columns of an event that pages filter on, as stored in the narrow {@code event_keys} table
 * beside the event's JSON. Filtering scans these short rows instead of the events' JSON, and each
 * has an index where an equality picks out few events.
 */
record EventKeys(long seq, String type, String ts, String url, String host, String method, Integer status, String tab) {

  static final String INSERT =
      "INSERT INTO event_keys (seq, type, ts, url, host, method, status, tab) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (seq) DO NOTHING";

  /** In an encrypted store the URL is left out (it is sealed in the events table) and the host and tab are hashed. */
  static EventKeys of(CaptureEvent e, StoreCipher cipher) {
    Instant t = e.timestamp();
    String url = e.url();
    Source source = e.source();
    String method = null;
    Integer status = null;
    if (e instanceof HttpEvent h) {
      method = h.method();
      status = h.response() == null ? null : h.response().status();
    }
    String tab = source == null ? null : source.tabId();
    return new EventKeys(e.seq(), e.type(), t == null ? null : IsoInstants.formatNanos(t),
        cipher.encrypts() ? null : url, cipher.hash(UrlHost.of(url)), method, status, cipher.hash(tab));
  }
}
