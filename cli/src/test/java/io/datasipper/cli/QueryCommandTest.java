package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.store.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCommandTest {
  private static final Instant T = Instant.parse("2026-03-04T05:06:07Z");
  private static final List<CaptureEvent> EVENTS = List.of(
      http(1, "https://api.shop.test/v1/orders", "POST", 201, "{\"id\":7,\n\"note\":\"a, \\\"b\\\"\"}"),
      http(2, "https://api.shop.test/v1/orders/7", "GET", 200, "{\"id\":7}"),
      http(3, "https://cdn.shop.test/logo.png", "GET", 404, "not found"),
      new WsFrameEvent("f4", 4, T.plusMillis(4), "c1", "wss://api.shop.test/live", WsFrameEvent.Direction.RECEIVED,
          WsFrameEvent.Opcode.TEXT, Body.text("{\"price\":12}", 12, false), 12, null),
      new SseEvent("s5", 5, T.plusMillis(5), "r1", "https://api.shop.test/news", "news", "n5", "hello",
          SseEvent.Via.EVENT_SOURCE, null));

  @TempDir Path dir;

  @BeforeEach
  void fillStore() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      store.insert(EVENTS);
    }
  }

  @Test
  void printsTheRowsAsATableWithTheirCount() {
    CliRunner run = query("SELECT host, count(*) AS exchanges, max(status) AS worst FROM http GROUP BY host ORDER BY host");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).containsExactly(
        "host           exchanges  worst",
        "-------------  ---------  -----",
        "api.shop.test          2    201",
        "cdn.shop.test          1    404",
        "(2 rows)");
  }

  @Test
  void printsJsonLinesWithNumbersAsNumbers() throws Exception {
    CliRunner run = query("SELECT seq, direction, payload FROM ws_frames UNION ALL SELECT seq, event, data FROM sse",
        "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    ObjectMapper json = new ObjectMapper();
    assertThat(run.out().lines().map(l -> {
      try {
        return json.readTree(l);
      } catch (Exception e) {
        throw new AssertionError(l, e);
      }
    })).containsExactly(
        json.readTree("{\"seq\":4,\"direction\":\"received\",\"payload\":\"{\\\"price\\\":12}\"}"),
        json.readTree("{\"seq\":5,\"direction\":\"news\",\"payload\":\"hello\"}"));
  }

  @Test
  void printsCsvQuotingWhatNeedsIt() {
    CliRunner run = query("SELECT seq, method, response_body, error FROM http WHERE seq = 1", "--format", "csv");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("seq,method,response_body,error\r\n1,POST,\"{\"\"id\"\":7,\n\"\"note\"\":\"\"a, \\\"\"b\\\"\"\"\"}\",\r\n");
  }

  @Test
  void aStatementThatWouldWriteIsAUsageErrorAndChangesNothing() throws Exception {
    long size = Files.size(dir.resolve(EventStore.FILE_NAME));
    CliRunner run = query("DELETE FROM events");
    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).isEqualTo("datasipper: query: the statement would write; queries only read the data"
        + " directory (SELECT, WITH, EXPLAIN)" + System.lineSeparator());
    assertThat(query("SELECT count(*) AS n FROM events", "--format", "csv").out()).isEqualTo("n\r\n5\r\n");
    assertThat(Files.size(dir.resolve(EventStore.FILE_NAME))).isEqualTo(size);
  }

  @Test
  void badSqlAndAnUnknownFormatAreUsageErrorsSayingWhatIsWrong() {
    CliRunner bad = query("SELECT nope FROM http");
    assertThat(bad.exitCode()).isEqualTo(Main.USAGE);
    assertThat(bad.err()).isEqualTo("datasipper: query: no such column: nope" + System.lineSeparator());
    CliRunner format = query("SELECT 1", "--format", "xml");
    assertThat(format.exitCode()).isEqualTo(Main.USAGE);
    assertThat(format.err()).contains("--format", "xml", "table, json, csv");
  }

  private CliRunner query(String sql, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "query";
    args[1] = "--data-dir";
    args[2] = dir.toString();
    args[3] = sql;
    System.arraycopy(more, 0, args, 4, more.length);
    return CliRunner.run(args);
  }

  private static HttpEvent http(long seq, String url, String method, int status, String body) {
    return new HttpEvent("h" + seq, seq, T, T.plusMillis(seq), null, url, method, new HttpEvent.HttpRequest(List.of(), null),
        new HttpEvent.HttpResponse(status, "", List.of(new EventHeader("content-type", "application/json")),
            "application/json", Body.text(body, body.length(), false), "h2", null, null, false),
        null, List.of(), null, "fetch", null, null);
  }
}
