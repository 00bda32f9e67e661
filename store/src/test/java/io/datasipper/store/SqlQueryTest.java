package io.datasipper.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsFrameEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlQueryTest {
  private static final int N = 300;
  @TempDir Path dir;
  private List<CaptureEvent> events;

  @BeforeEach
  void traffic() {
    events = Traffic.events(N);
  }

  @Test
  void theViewsHoldEachKindOfTrafficWithItsFieldsAsColumns() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
      Result byMethod = sql(store, "SELECT method, count(*) AS n FROM http WHERE status >= 400 GROUP BY method ORDER BY method");
      assertThat(byMethod.columns).containsExactly("method", "n");
      Map<String, Long> expected = new TreeMap<>(events.stream()
          .filter(e -> e instanceof HttpEvent h && h.response() != null && h.response().status() >= 400)
          .collect(Collectors.groupingBy(e -> ((HttpEvent) e).method(), Collectors.counting())));
      assertThat(byMethod.rows).containsExactlyElementsOf(
          expected.entrySet().stream().map(en -> List.<Object>of(en.getKey(), en.getValue())).toList());

      HttpEvent h = (HttpEvent) events.get(9);
      assertThat(sql(store, "SELECT seq, host, status, mime_type, response_body, request_body, tab FROM http WHERE seq = 10").rows)
          .containsExactly(java.util.Arrays.asList(10L, "cdn.shop.test", (long) h.response().status(), "application/json",
              "{\"item\":10}", null, "TAB-A"));
      assertThat(sql(store, "SELECT seq, direction, opcode, length, payload FROM ws_frames WHERE seq = 6").rows)
          .containsExactly(List.of(6L, "received", "text", 12L, "{\"tick\":6}"));
      assertThat(sql(store, "SELECT seq, event, data, via, host FROM sse WHERE seq = 8").rows)
          .containsExactly(List.of(8L, "message", "n8", "event_source", "[::1]"));
      assertThat(sql(store, "SELECT count(*) FROM ws_frames").rows.getFirst().getFirst())
          .isEqualTo(events.stream().filter(e -> e instanceof WsFrameEvent).count());
      assertThat(sql(store, "SELECT count(*) FROM sse").rows.getFirst().getFirst())
          .isEqualTo(events.stream().filter(e -> e instanceof SseEvent).count());
    }
  }

  @Test
  void anEventStreamsExchangeJoinsItsMessagesOnRequestId() throws Exception {
    java.time.Instant t0 = java.time.Instant.parse("2026-03-01T10:00:00Z");
    String url = "https://news.test/stream";
    try (EventStore store = EventStore.open(dir)) {
      store.insert(List.of(
          new SseEvent("s1", 1, t0.plusMillis(10), "req-7", url, "message", null, "one", SseEvent.Via.EVENT_SOURCE, null),
          new SseEvent("s2", 2, t0.plusMillis(20), "req-8", url, "message", null, "other", SseEvent.Via.EVENT_SOURCE,
              null),
          new SseEvent("s3", 3, t0.plusMillis(30), "req-7", url, "message", null, "two", SseEvent.Via.EVENT_SOURCE, null),
          new HttpEvent("h4", 4, t0, t0.plusMillis(40), "req-7", url, "GET", new HttpEvent.HttpRequest(List.of(), null),
              new HttpEvent.HttpResponse(200, "OK", List.of(), "text/event-stream", null, "h2", null, null, false),
              null, List.of(), null, "eventsource", null, null)));
      assertThat(sql(store, "SELECT h.seq, s.data FROM http h JOIN sse s ON s.request_id = h.request_id ORDER BY s.seq")
          .rows).containsExactly(List.of(4L, "one"), List.of(4L, "two"));
    }
  }

  @Test
  void aStatementThatWouldWriteIsRefusedAndChangesNothing() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
      for (String write : List.of("DELETE FROM events", "UPDATE event_keys SET host = 'x'", "CREATE TABLE notes (a)",
          "DROP VIEW http", "PRAGMA user_version = 1", "CREATE TEMP TABLE t AS SELECT 1")) {
        assertThatThrownBy(() -> sql(store, write)).as(write).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("query: the statement would write; queries only read the data directory (SELECT, WITH, EXPLAIN)");
      }
      Path other = dir.resolve("other.db");
      assertThatThrownBy(() -> sql(store, "ATTACH DATABASE '" + other + "' AS o"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("query: ");
      assertThat(Files.exists(other)).isFalse();
      assertThat(sql(store, "SELECT count(*) FROM events").rows).containsExactly(List.of((long) N));
    }
  }

  @Test
  void badSqlIsRefusedInSqlitesWords() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      assertThatThrownBy(() -> sql(store, "SELEC 1")).hasMessage("query: near \"SELEC\": syntax error");
      assertThatThrownBy(() -> sql(store, "SELECT nope FROM http")).hasMessage("query: no such column: nope");
      assertThatThrownBy(() -> sql(store, " ")).hasMessage("query: no SQL given");
    }
  }

  @Test
  void aRowWhoseJsonNoLongerParsesHasNullFieldsAndTheQueryGoesOn() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(EventStore.FILE_NAME));
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE events SET json = '{not json' WHERE seq = 10");
      }
      assertThat(sql(store, "SELECT seq, host, mime_type FROM http WHERE seq IN (10, 20) ORDER BY seq").rows)
          .containsExactly(java.util.Arrays.asList(10L, "cdn.shop.test", null), List.of(20L, "[::1]", "application/json"));
    }
  }

  private record Result(List<String> columns, List<List<Object>> rows) {}

  private static Result sql(EventStore store, String sql) {
    List<String> columns = new ArrayList<>();
    List<List<Object>> rows = new ArrayList<>();
    store.sql(sql, new SqlRows() {
      @Override
      public void columns(List<String> names) {
        columns.addAll(names);
      }

      @Override
      public void row(List<Object> values) {
        rows.add(values);
      }
    });
    return new Result(columns, rows);
  }
}
