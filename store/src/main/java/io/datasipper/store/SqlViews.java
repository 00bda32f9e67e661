package io.datasipper.store;

import java.util.List;

/**
 * The views {@link EventStore#sql} offers, one per kind of traffic, with the fields users filter on
 * as columns (documented in docs/query.md). Made as TEMP views on each query's own connection, so
 * the data directory's file is never written to hold them. Columns from {@code event_keys} (seq,
 * ts, url, host, method, status, tab) are indexed there; the rest are read from the event's JSON,
 * and a row whose JSON no longer parses has them null rather than failing the whole query.
 */
final class SqlViews {
  /** The event's JSON, or null when it no longer parses. */
  private static final String JSON = "(CASE WHEN json_valid(e.json) THEN e.json END)";
  private static final String URL = "k.url";
  private static final String HOST = "k.host";
  private static final String TAB = "k.tab";

  /**
   * The same views over an encrypted store: the JSON and the URL are decrypted by {@link OpenFunction}
   * (on the query's connection only; temporary tables and sorts stay in memory there), and the host
   * and tab, hashed in {@code event_keys}, are read from them.
   */
  private static final String OPENED_JSON = "%s('%s', e.seq, e.json)".formatted(OpenFunction.NAME, EventColumns.JSON);
  private static final String OPENED_URL = "%s('%s', e.seq, e.url)".formatted(OpenFunction.NAME, EventColumns.URL);

  static List<String> create(boolean encrypted) {
    if (!encrypted) {
      return CREATE;
    }
    String json = "(CASE WHEN json_valid(%1$s) THEN %1$s END)".formatted(OPENED_JSON);
    return CREATE.stream().map(view -> view.replace(JSON, json)
        .replace("e.json AS json", OPENED_JSON + " AS json")
        .replace(HOST + " AS host", UrlHostFunction.NAME + "(" + OPENED_URL + ") AS host")
        .replace(URL + " AS url", OPENED_URL + " AS url")
        .replace(TAB + " AS tab", json + " ->> '$.source.tab_id' AS tab")).toList();
  }

  private static final List<String> CREATE = List.of(
      """
      CREATE TEMP VIEW http AS
      SELECT k.seq AS seq, e.id AS id, k.ts AS ts, %1$s ->> '$.started_at' AS started_at,
             %1$s ->> '$.request_id' AS request_id,
             k.method AS method, k.url AS url, k.host AS host, k.status AS status,
             %1$s ->> '$.response.status_text' AS status_text,
             %1$s ->> '$.response.mime_type' AS mime_type,
             %1$s ->> '$.resource_type' AS resource_type,
             %1$s ->> '$.timing.total_ms' AS duration_ms,
             %1$s ->> '$.error.kind' AS error_kind,
             %1$s ->> '$.error.text' AS error,
             %1$s ->> '$.response.from_cache' AS from_cache,
             %1$s ->> '$.response.protocol' AS protocol,
             %1$s ->> '$.response.remote_ip' AS remote_ip,
             %1$s ->> '$.request.body.size' AS request_size,
             %2$s AS request_body,
             %1$s ->> '$.response.body.size' AS response_size,
             %3$s AS response_body,
             k.tab AS tab, e.json AS json
      FROM main.event_keys AS k JOIN main.events AS e ON e.seq = k.seq
      WHERE k.type = 'http'""".formatted(JSON, text("request.body"), text("response.body")),
      """
      CREATE TEMP VIEW ws_frames AS
      SELECT k.seq AS seq, e.id AS id, k.ts AS ts, k.url AS url, k.host AS host,
             %1$s ->> '$.connection_id' AS connection_id,
             %1$s ->> '$.direction' AS direction,
             %1$s ->> '$.opcode' AS opcode,
             %1$s ->> '$.length' AS length,
             %2$s AS payload,
             %1$s ->> '$.payload.truncated' AS truncated,
             k.tab AS tab, e.json AS json
      FROM main.event_keys AS k JOIN main.events AS e ON e.seq = k.seq
      WHERE k.type = 'ws_frame'""".formatted(JSON, text("payload")),
      """
      CREATE TEMP VIEW sse AS
      SELECT k.seq AS seq, e.id AS id, k.ts AS ts, k.url AS url, k.host AS host,
             %1$s ->> '$.request_id' AS request_id,
             %1$s ->> '$.event' AS event,
             %1$s ->> '$.last_event_id' AS last_event_id,
             %1$s ->> '$.data' AS data,
             %1$s ->> '$.via' AS via,
             k.tab AS tab, e.json AS json
      FROM main.event_keys AS k JOIN main.events AS e ON e.seq = k.seq
      WHERE k.type = 'sse'""".formatted(JSON));

  private SqlViews() {}

  /** A body's data when it is text; null when it is base64, omitted or missing. */
  private static String text(String body) {
    return "(CASE WHEN %1$s ->> '$.%2$s.encoding' = 'text' THEN %1$s ->> '$.%2$s.data' END)".formatted(JSON, body);
  }
}
