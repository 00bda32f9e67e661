package io.datasipper.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.config.ConfigEditor;
import io.datasipper.config.ConfigSource;
import io.datasipper.config.FileDigest;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.testkit.JsonLines;
import io.datasipper.testkit.SampleEvents;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and replacing the config over the API, while the pipeline it describes delivers. */
class ConfigPartTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path file;
  private RunningConfig running;

  @BeforeEach
  void serve() throws Exception {
    file = dir.resolve("datasipper.yaml");
    Files.writeString(file, RunningConfig.config(dir, "first.jsonl", null));
    running = new RunningConfig(dir);
  }

  @AfterEach
  void stop() {
    running.close();
  }

  @Test
  void theConfigIsReadWithItsVersionTextStreamsAndOutputs() throws Exception {
    HttpResponse<String> got = running.api.get("/api/config");
    assertThat(got.statusCode()).isEqualTo(200);
    JsonNode config = JSON.readTree(got.body());
    assertThat(config.get("file").asText()).isEqualTo(file.toString());
    assertThat(config.get("version").asText()).isEqualTo(FileDigest.of(file));
    assertThat(got.headers().firstValue("ETag")).hasValue("\"" + FileDigest.of(file) + "\"");
    assertThat(config.get("yaml").asText()).isEqualTo(Files.readString(file));
    assertThat(config.get("valid").asBoolean()).isTrue();
    assertThat(config.at("/streams/0/name").asText()).isEqualTo("frames");
    assertThat(config.at("/streams/0/outputs/0").asText()).isEqualTo("out");
    assertThat(config.at("/outputs/out/type").asText()).isEqualTo("file");
    assertThat(config.get("pipeline_runs").asBoolean()).isTrue();
  }

  @Test
  void anInvalidConfigIsRefusedNamingTheKeyAndChangesNothing() throws Exception {
    String version = version();
    String bad = RunningConfig.config(dir, "second.jsonl", null).replace("operator: equals", "operator: equal");

    HttpResponse<String> put = put(bad, "text/yaml", version);

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(put.body()).get("error").asText())
        .startsWith(file + ": streams[0].conditions[0].operator: ")
        .contains("equal");
    assertThat(Files.readString(file)).isEqualTo(RunningConfig.config(dir, "first.jsonl", null));
    assertThat(version()).isEqualTo(version);
  }

  @Test
  void aValidConfigIsWrittenAndReloadedAndEventsStoredAfterItReachTheNewOutput() throws Exception {
    SampleEvents.fill(running.store, 1, 6, seq -> SampleEvents.frame(seq, "c1", "{\"n\":" + seq + "}"));
    JsonLines.awaitSeqs(dir.resolve("first.jsonl"), 6, Duration.ofSeconds(20));
    String next = RunningConfig.config(dir, "second.jsonl", null);

    HttpResponse<String> put = put(next, "text/yaml", version());

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    JsonNode saved = JSON.readTree(put.body());
    assertThat(saved.at("/reload/outcome").asText()).isEqualTo("reloaded");
    assertThat(saved.at("/reload/streams").asInt()).isEqualTo(1);
    assertThat(saved.get("version").asText()).isEqualTo(FileDigest.of(file));
    assertThat(put.headers().firstValue("ETag")).hasValue("\"" + FileDigest.of(file) + "\"");
    assertThat(Files.readString(file)).isEqualTo(next);
    SampleEvents.fill(running.store, 7, 9, seq -> SampleEvents.frame(seq, "c1", "{\"n\":" + seq + "}"));
    assertThat(JsonLines.awaitSeqs(dir.resolve("second.jsonl"), 3, Duration.ofSeconds(20))).containsExactly(7L, 8L, 9L);
    assertThat(JsonLines.seqs(dir.resolve("first.jsonl"))).hasSize(6);
  }

  @Test
  void jsonOfTheSameStructureIsWrittenAsYaml() throws Exception {
    JsonNode asJson = JSON.valueToTree(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
        .readTree(RunningConfig.config(dir, "third.jsonl", null)));

    HttpResponse<String> put = put(asJson.toString(), "application/json", version());

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(Files.readString(file)).contains("path: \"" + dir.resolve("third.jsonl") + "\"")
        .doesNotContain("{\"streams\"");
    SampleEvents.fill(running.store, 1, 2, seq -> SampleEvents.frame(seq, "c1", "{}"));
    JsonLines.awaitSeqs(dir.resolve("third.jsonl"), 2, Duration.ofSeconds(20));
  }

  @Test
  void anEditFromAStaleVersionGets409AndOneWithoutAVersion428() throws Exception {
    String read = version();
    assertThat(put(RunningConfig.config(dir, "second.jsonl", null), "text/yaml", read).statusCode()).isEqualTo(200);

    HttpResponse<String> stale = put(RunningConfig.config(dir, "third.jsonl", null), "text/yaml", read);
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(stale.body()).get("error").asText()).startsWith("If-Match: the config file changed");
    assertThat(stale.headers().firstValue("ETag")).hasValue("\"" + FileDigest.of(file) + "\"");
    assertThat(Files.readString(file)).contains("second.jsonl");

    HttpResponse<String> unversioned = running.api.send(running.api.request("/api/config")
        .header("Content-Type", "text/yaml").PUT(HttpRequest.BodyPublishers.ofString("streams: []")));
    assertThat(unversioned.statusCode()).isEqualTo(428);
    assertThat(JSON.readTree(unversioned.body()).get("error").asText()).startsWith("If-Match: missing");
  }

  @Test
  void ofTwoEditsFromTheSameVersionAtOnceOneIsWrittenAndTheOtherGets409() throws Exception {
    String read = version();
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<HttpResponse<String>> a = two.submit(() -> put(RunningConfig.config(dir, "a.jsonl", null), "text/yaml", read));
      Future<HttpResponse<String>> b = two.submit(() -> put(RunningConfig.config(dir, "b.jsonl", null), "text/yaml", read));
      List<Integer> statuses = List.of(a.get(60, TimeUnit.SECONDS).statusCode(), b.get(60, TimeUnit.SECONDS).statusCode());
      assertThat(statuses).containsExactlyInAnyOrder(200, 409);
      String winner = statuses.get(0) == 200 ? "a.jsonl" : "b.jsonl";
      assertThat(Files.readString(file)).isEqualTo(RunningConfig.config(dir, winner, null));
    } finally {
      two.shutdownNow();
    }
  }

  @Test
  void withoutARunningPipelineAnEditCreatesTheDataDirectorysFileOnly() throws Exception {
    Path other = dir.resolve("other");
    ConfigEditor editor = new ConfigEditor(ConfigSource.read(null, other, UnaryOperator.identity()), null);
    try (LocalServer server = LocalServer.start(0, List.of(new ConfigPart(editor)))) {
      ApiClient api = new ApiClient(server);
      JsonNode before = JSON.readTree(api.get("/api/config").body());
      assertThat(before.get("exists").asBoolean()).isFalse();
      assertThat(before.get("version").asText()).isEqualTo(ConfigEditor.NO_FILE);
      assertThat(before.get("pipeline_runs").asBoolean()).isFalse();

      HttpResponse<String> put = api.send(api.request("/api/config").header("Content-Type", "application/yaml")
          .header("If-Match", ConfigEditor.NO_FILE)
          .PUT(HttpRequest.BodyPublishers.ofString(RunningConfig.config(other, "out.jsonl", null))));

      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      assertThat(JSON.readTree(put.body()).at("/reload/outcome").asText()).isEqualTo("not_running");
      assertThat(Files.readString(other.resolve("datasipper.yaml")))
          .isEqualTo(RunningConfig.config(other, "out.jsonl", null));
    }
  }

  @Test
  void aBodyOfAnotherTypeOrBrokenJsonIsRefused() throws Exception {
    HttpResponse<String> put = put("streams: []", "text/html", version());
    assertThat(put.statusCode()).isEqualTo(415);
    assertThat(JSON.readTree(put.body()).get("error").asText()).startsWith("Content-Type: 'text/html' is not a config");

    HttpResponse<String> broken = put("{\"streams\": [", "application/json", version());
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(broken.body()).get("error").asText()).startsWith("body: not valid JSON at line 1");
    assertThat(Files.readString(file)).isEqualTo(RunningConfig.config(dir, "first.jsonl", null));
  }

  private String version() throws Exception {
    return JSON.readTree(running.api.get("/api/config").body()).get("version").asText();
  }

  private HttpResponse<String> put(String body, String type, String version) throws Exception {
    return running.api.send(running.api.request("/api/config").header("Content-Type", type)
        .header("If-Match", "\"" + version + "\"").PUT(HttpRequest.BodyPublishers.ofString(body)));
  }
}
