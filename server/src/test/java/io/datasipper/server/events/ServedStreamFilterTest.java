package io.datasipper.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.config.ConfigSource;
import io.datasipper.server.ApiClient;
import io.datasipper.server.ApiParts;
import io.datasipper.server.LocalServer;
import io.datasipper.server.ServerSources;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/events?stream=NAME} as {@code serve} without {@code --deliver} answers it: no pipeline
 * follows the config file, yet the filter takes the stream's rules as the file says them now.
 */
class ServedStreamFilterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dataDir;

  @Test
  void theStreamFilterFollowsEditsThroughTheApiAndSavedFilesAndKeepsTheLastValidRules() throws Exception {
    Path file = dataDir.resolve(ConfigSource.DEFAULT_NAME);
    Files.writeString(file, config("http", "first"));
    try (EventStore store = EventStore.open(dataDir);
        LocalServer server = LocalServer.start(0, ApiParts.of(new ServerSources(dataDir, store,
            ConfigSource.read(null, dataDir, UnaryOperator.identity()), null, null, null)))) {
      SampleEvents.fill(store, 1, 30, seq -> SampleEvents.event(seq, 2, "{}"));
      ApiClient api = new ApiClient(server);
      assertThat(types(api)).hasSize(10).containsOnly("http");

      HttpResponse<String> read = api.get("/api/config");
      HttpResponse<String> put = api.send(api.request("/api/config").header("Content-Type", "text/yaml")
          .header("If-Match", read.headers().firstValue("ETag").orElseThrow())
          .PUT(HttpRequest.BodyPublishers.ofString(config("ws_frame", "second"))));
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      assertThat(types(api)).as("after an edit through the API").hasSize(20).containsOnly("ws_frame");
      assertThat(outputs(api)).containsExactly("output:second");

      Files.writeString(file, config("http", "third"));
      assertThat(types(api)).as("after the file was saved").hasSize(10).containsOnly("http");
      assertThat(outputs(api)).containsExactly("output:third");

      Files.writeString(file, config("http", "fourth").replace("operator: equals", "operator: equal"));
      assertThat(types(api)).as("an invalid file leaves the last valid rules").hasSize(10).containsOnly("http");
      assertThat(outputs(api)).containsExactly("output:third");
    }
  }

  /** One stream {@code picked} of one event type, into a file output named {@code output}. */
  private String config(String type, String output) {
    return """
        streams:
          - name: picked
            conditions: [{field: type, operator: equals, value: %s}]
            outputs: [%s]
        outputs:
          %s: {type: file, path: %s}
        """.formatted(type, output, output, dataDir.resolve(output + ".jsonl"));
  }

  /** The types of the events the stream takes, every page of them (a page may stop short and say where to go on). */
  private static List<String> types(ApiClient api) throws Exception {
    List<String> types = new ArrayList<>();
    String query = "/api/events?stream=picked&limit=100";
    while (query != null) {
      HttpResponse<String> answer = api.get(query);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode page = JSON.readTree(answer.body());
      page.get("events").forEach(e -> types.add(e.get("type").asText()));
      query = page.get("next").isNull() ? null : "/api/events?stream=picked&limit=100&before=" + page.get("next").asLong();
    }
    return types;
  }

  /** The outputs {@code /readyz} names: those of the config file as it is now. */
  private static List<String> outputs(ApiClient api) throws Exception {
    JsonNode components = JSON.readTree(api.get("/readyz").body()).get("components");
    List<String> names = new ArrayList<>();
    components.fieldNames().forEachRemaining(n -> {
      if (n.startsWith("output:")) {
        names.add(n);
      }
    });
    return names;
  }
}
