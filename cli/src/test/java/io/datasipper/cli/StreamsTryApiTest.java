package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.config.ConfigEditor;
import io.datasipper.config.ConfigSource;
import io.datasipper.server.LocalServer;
import io.datasipper.server.config.TryPart;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local server's try answers what {@code streams try} prints, for the same stored events and config. */
class StreamsTryApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theApiTriesAStreamAsTheCommandDoes() throws Exception {
    Files.writeString(dir.resolve("datasipper.yaml"), """
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [out]
            transform: |
              function transform(event) {
                const n = JSON.parse(event.payload.data).n;
                if (n % 4 === 0) { return null; }
                if (n % 5 === 0) { throw new Error("five"); }
                return n % 7 === 0 ? [{n: n}, {n: n, again: true}] : {seq: event.seq, url: event.url};
              }
        outputs:
          out: {type: stdout}
        """);
    try (EventStore store = EventStore.open(dir)) {
      SampleEvents.fill(store, 1, 40, seq -> SampleEvents.event(seq, 2, "{\"n\":" + seq + "}"));
    }

    CliRunner cli = CliRunner.run("streams", "try", "frames", "--limit", "1000", "--data-dir", dir.toString());
    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(Main.OK);

    List<String> apiLines = new ArrayList<>();
    try (EventStore store = EventStore.open(dir);
        LocalServer server = LocalServer.start(0, List.of(new TryPart(
            new ConfigEditor(ConfigSource.read(null, dir, UnaryOperator.identity()), null), store)))) {
      HttpResponse<String> tried = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.address() + "/api/streams/frames/try"))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + server.token())
              .POST(HttpRequest.BodyPublishers.ofString("{\"limit\": 40}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
      // In the command's words: each record on a line, then what became of a dropped or failed event.
      for (JsonNode result : JSON.readTree(tried.body()).get("results")) {
        if (!result.get("matched").asBoolean()) {
          continue;
        }
        result.get("records").forEach(r -> apiLines.add(r.toString()));
        if (result.get("dropped").asBoolean()) {
          apiLines.add("# event " + result.get("seq").asLong() + " dropped by the transform");
        } else if (!result.get("error").isNull()) {
          apiLines.add("# event " + result.get("seq").asLong() + " failed: " + result.get("error").asText());
        }
      }
    }
    List<String> cliLines = cli.out().lines().filter(l -> !l.startsWith("# ") || l.startsWith("# event ")).toList();
    assertThat(cliLines).as("some of each kind").anyMatch(l -> l.contains("dropped")).anyMatch(l -> l.contains("five"))
        .anyMatch(l -> l.contains("again"));
    assertThat(apiLines).isEqualTo(cliLines);
  }
}
