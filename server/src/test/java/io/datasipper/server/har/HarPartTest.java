package io.datasipper.server.har;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoreKey;
import io.datasipper.testkit.SampleEvents;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/har}: the events of the seqs named, as a HAR file to save. */
class HarPartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock DOWNLOADED = Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC);

  @TempDir Path dataDir;

  @Test
  void theEventsNamedAreTheHarsEntriesAndThoseNoLongerStoredAreCounted() throws Exception {
    try (EventStore store = EventStore.open(dataDir);
        LocalServer server = LocalServer.start(0, List.of(new HarPart(store, dataDir, DOWNLOADED)))) {
      SampleEvents.fill(store, 1, 6, SampleEvents::call);

      HttpResponse<String> har = post(server, "{\"seqs\": [5, 1, 3, 1, 99]}");

      assertThat(har.statusCode()).as(har.body()).isEqualTo(200);
      assertThat(har.headers().firstValue("Content-Disposition"))
          .hasValue("attachment; filename=\"datasipper-20261201-101530.har\"");
      assertThat(har.headers().firstValue(HarPart.MISSING_HEADER)).as("99 was never stored").hasValue("1");
      assertThat(har.headers().firstValue(HarPart.UNREADABLE_HEADER)).hasValue("0");
      assertThat(urls(har)).containsExactly("http://127.0.0.1/api/orders/1", "http://127.0.0.1/api/orders/3",
          "http://127.0.0.1/api/orders/5");
      assertThat(JSON.readTree(har.body()).at("/log/entries/1/response/content/text").asText())
          .isEqualTo("{\"order\":3}");
      try (var left = Files.list(dataDir)) {
        assertThat(left.map(p -> p.getFileName().toString())).as("no spool file stays behind")
            .noneMatch(name -> name.contains("export"));
      }
    }
  }

  @Test
  void aStoredEventThatCannotBeReadBackIsLeftOutAndCounted() throws Exception {
    try (EventStore store = EventStore.open(dataDir);
        LocalServer server = LocalServer.start(0, List.of(new HarPart(store, dataDir, DOWNLOADED)))) {
      SampleEvents.fill(store, 1, 3, SampleEvents::call);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(EventStore.FILE_NAME));
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE events SET json = '{\"type\":\"http\",' WHERE seq = 2");
      }

      HttpResponse<String> har = post(server, "{\"seqs\": [1, 2, 3]}");

      assertThat(har.statusCode()).as(har.body()).isEqualTo(200);
      assertThat(har.headers().firstValue(HarPart.UNREADABLE_HEADER)).hasValue("1");
      assertThat(urls(har)).containsExactly("http://127.0.0.1/api/orders/1", "http://127.0.0.1/api/orders/3");
    }
  }

  @Test
  void anEncryptedStoresEventsAreDownloadedDecrypted() throws Exception {
    try (EventStore store = EventStore.open(dataDir, StoreKey.generate());
        LocalServer server = LocalServer.start(0, List.of(new HarPart(store, dataDir, DOWNLOADED)))) {
      SampleEvents.fill(store, 1, 4, SampleEvents::call);

      HttpResponse<String> har = post(server, "{\"seqs\": [4, 2]}");

      assertThat(har.statusCode()).as(har.body()).isEqualTo(200);
      assertThat(urls(har)).containsExactly("http://127.0.0.1/api/orders/2", "http://127.0.0.1/api/orders/4");
    }
  }

  @Test
  void noSeqsMakeAHarWithoutEntries() throws Exception {
    try (EventStore store = EventStore.open(dataDir);
        LocalServer server = LocalServer.start(0, List.of(new HarPart(store, dataDir, DOWNLOADED)))) {
      HttpResponse<String> har = post(server, "{\"seqs\": []}");

      assertThat(har.statusCode()).as(har.body()).isEqualTo(200);
      assertThat(JSON.readTree(har.body()).at("/log/version").asText()).isEqualTo("1.2");
      assertThat(urls(har)).isEmpty();
    }
  }

  @Test
  void aBodyThatDoesNotNameSeqsIsRefusedSayingWhatIsWrong() throws Exception {
    try (EventStore store = EventStore.open(dataDir);
        LocalServer server = LocalServer.start(0, List.of(new HarPart(store, dataDir, DOWNLOADED)))) {
      assertRefused(server, "", "body.seqs: missing; list the seqs of the events to download");
      assertRefused(server, "{\"seqs\": [1,", "body: not valid JSON: ");
      assertRefused(server, "[1, 2]", "body: expected a JSON object with seqs");
      assertRefused(server, "{\"seq\": [1]}", "body.seq: unknown key; use seqs");
      assertRefused(server, "{}", "body.seqs: missing; list the seqs of the events to download");
      assertRefused(server, "{\"seqs\": \"1-5\"}", "body.seqs: \"1-5\" is not an array of seqs");
      assertRefused(server, "{\"seqs\": [1, 0]}", "body.seqs[1]: 0 is not a seq (a whole number from 1)");
      assertRefused(server, "{\"seqs\": [\"7\"]}", "body.seqs[0]: \"7\" is not a seq (a whole number from 1)");
      assertRefused(server, "{\"seqs\": [2.5]}", "body.seqs[0]: 2.5 is not a seq (a whole number from 1)");
      assertRefused(server, "{\"seqs\": [1" + ",1".repeat(HarRequest.MAX_SEQS) + "]}",
          "body.seqs: 100,001 seqs; at most 100,000 in one download");
    }
  }

  private static void assertRefused(LocalServer server, String body, String message) throws Exception {
    HttpResponse<String> answer = post(server, body);
    assertThat(answer.statusCode()).as(body).isEqualTo(400);
    assertThat(answer.headers().firstValue("Content-Disposition")).as(body).isEmpty();
    assertThat(JSON.readTree(answer.body()).get("error").asText()).as(body).startsWith(message);
  }

  private static HttpResponse<String> post(LocalServer server, String body) throws Exception {
    ApiClient api = new ApiClient(server);
    return api.send(api.request("/api/har").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static List<String> urls(HttpResponse<String> har) throws Exception {
    JsonNode entries = JSON.readTree(har.body()).at("/log/entries");
    return StreamSupport.stream(entries.spliterator(), false).map(e -> e.at("/request/url").asText()).toList();
  }
}
