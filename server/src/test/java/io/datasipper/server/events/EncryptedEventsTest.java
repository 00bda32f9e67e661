package io.datasipper.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.json.EventJson;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoreKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events API over an encrypted store: pages and single events decrypted, filters it cannot answer refused. */
class EncryptedEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path dataDir;

  @Test
  void pagesAndEventsAreDecryptedAndUrlTextOrSearchIs400() throws Exception {
    List<CaptureEvent> events = new ArrayList<>();
    for (int seq = 1; seq <= 20; seq++) {
      String host = seq % 2 == 0 ? "a.shop.test" : "b.shop.test";
      events.add(new HttpEvent("http-" + seq, seq, T0.plusMillis(seq), T0.plusMillis(seq + 3), null,
          "https://" + host + "/items/" + seq, "GET",
          new HttpEvent.HttpRequest(List.of(new EventHeader("accept", "*/*")), null),
          new HttpEvent.HttpResponse(200, "OK", List.of(), "application/json", Body.text("{\"item\":" + seq + "}", 11,
              false), "h2", "127.0.0.1", 443, false),
          null, List.of(), null, "fetch", new HttpEvent.Initiator("script", null),
          new Source("TAB-" + seq % 3, "frame", "page", "https://" + host + "/")));
    }
    try (EventStore store = EventStore.open(dataDir, StoreKey.generate());
        LocalServer server = LocalServer.start(0, List.of(new EventsPart(store, name -> Optional.empty())))) {
      store.insert(events);
      ApiClient api = new ApiClient(server);

      JsonNode page = ok(api, "/api/events?host=b.shop.test&limit=3");
      List<CaptureEvent> served = new ArrayList<>();
      page.get("events").forEach(e -> served.add(EventJson.read(e.toString())));
      assertThat(served).containsExactly(events.get(18), events.get(16), events.get(14));
      assertThat(EventJson.read(ok(api, "/api/events/7").toString())).isEqualTo(events.get(6));

      assertError(api, "/api/events?url=items", "an encrypted store cannot filter on text within URLs: it keeps no URL"
          + " in plain text; filter on the host instead, or export and filter the decrypted events");
      assertError(api, "/api/events?search=item", "an encrypted store has no full-text search: its index would hold"
          + " the words of URLs and bodies in plain text; filter on host, tab, type, method, status or time instead");
    }
  }

  private static JsonNode ok(ApiClient api, String path) throws Exception {
    HttpResponse<String> response = api.get(path);
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static void assertError(ApiClient api, String path, String message) throws Exception {
    HttpResponse<String> response = api.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(400);
    assertThat(JSON.readTree(response.body())).isEqualTo(JSON.createObjectNode().put("error", message));
  }
}
