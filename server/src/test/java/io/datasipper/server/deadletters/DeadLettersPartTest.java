package io.datasipper.server.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.server.config.RunningConfig;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.JsonLines;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead letters over the API, with the pipeline running: listed, shown, and sent back to the file
 * output they failed at (as after a destination was fixed), which the running pipeline writes.
 */
class DeadLettersPartTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private RunningConfig running;
  private ApiClient api;
  private Path outFile;

  @BeforeEach
  void serve() throws Exception {
    outFile = dir.resolve("out.jsonl");
    Files.writeString(dir.resolve("datasipper.yaml"), RunningConfig.config(dir, "out.jsonl", null));
    running = new RunningConfig(dir);
    api = running.api;
    // As the pipeline records them: two records the output "out" refused, one a transform failed on.
    new DeliveryLedger(running.store).addDeadLetters(List.of(
        letter("out", 7, "{\"seq\":7,\"n\":7}", "HTTP 413 from http://127.0.0.1:9/"),
        letter(null, 8, "{\"seq\":8}", "transform of stream 'frames' threw: Error: no"),
        letter("out", 9, "{\"seq\":9,\"n\":9}", "HTTP 413 from http://127.0.0.1:9/")));
  }

  @AfterEach
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void lettersAreListedByIdPageAfterPageAndShownOneByOne() throws Exception {
    JsonNode first = JSON.readTree(api.get("/api/dead-letters?limit=2").body());
    assertThat(first.get("dead_letters")).extracting(l -> l.get("source_seq").asLong()).containsExactly(7L, 8L);
    long next = first.get("next").asLong();
    JsonNode second = JSON.readTree(api.get("/api/dead-letters?limit=2&after=" + next).body());
    assertThat(second.get("dead_letters")).extracting(l -> l.get("source_seq").asLong()).containsExactly(9L);
    assertThat(second.get("next").isNull()).isTrue();

    JsonNode ofOut = JSON.readTree(api.get("/api/dead-letters?output=out").body());
    assertThat(ofOut.get("dead_letters")).extracting(l -> l.get("source_seq").asLong()).containsExactly(7L, 9L);

    long id = first.get("dead_letters").get(0).get("id").asLong();
    HttpResponse<String> one = api.get("/api/dead-letters/" + id);
    assertThat(one.statusCode()).isEqualTo(200);
    JsonNode letter = JSON.readTree(one.body());
    assertThat(letter.get("state").asText()).isEqualTo("dead");
    assertThat(letter.get("record").toString()).isEqualTo("{\"seq\":7,\"n\":7}");
    assertThat(letter.get("error").asText()).isEqualTo("HTTP 413 from http://127.0.0.1:9/");
    assertThat(letter.get("output").asText()).isEqualTo("out");

    assertThat(api.get("/api/dead-letters/999").statusCode()).isEqualTo(404);
    HttpResponse<String> bad = api.get("/api/dead-letters?limit=0");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).get("error").asText()).isEqualTo("limit: '0' is not a number from 1 to 1000");
  }

  @Test
  void aLetterSentBackReachesTheFileOutputThroughTheRunningPipeline() throws Exception {
    long id = idOf(7);
    HttpResponse<String> sent = post("/api/dead-letters/" + id + "/redeliver", "");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    assertThat(JSON.readTree(sent.body()).get("state").asText()).isEqualTo("requeued");

    assertThat(JsonLines.awaitSeqs(outFile, 1, Duration.ofSeconds(20))).containsExactly(7L);
    JsonNode letter = awaitState(id, "delivered");
    assertThat(letter.get("redeliveries").asInt()).isEqualTo(1);
    HttpResponse<String> again = post("/api/dead-letters/" + id + "/redeliver", "");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(again.body()).get("error").asText()).startsWith("dead letter " + id + " was delivered");
  }

  @Test
  void lettersOfAnOutputAreSentBackTogetherAndOneWithoutOutputIsRefused() throws Exception {
    HttpResponse<String> sent = post("/api/dead-letters/redeliver", "{\"output\": \"out\"}");
    assertThat(sent.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(sent.body()).get("requeued").asInt()).isEqualTo(2);
    assertThat(JsonLines.awaitSeqs(outFile, 2, Duration.ofSeconds(20))).containsExactly(7L, 9L);

    HttpResponse<String> noOutput = post("/api/dead-letters/" + idOf(8) + "/redeliver", "");
    assertThat(noOutput.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(noOutput.body()).get("error").asText())
        .contains("failed in stream 'frames' before any output");
    HttpResponse<String> badFilter = post("/api/dead-letters/redeliver", "{\"outputs\": \"out\"}");
    assertThat(badFilter.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badFilter.body()).get("error").asText()).startsWith("body.outputs: unknown key");
  }

  @Test
  void lettersAreDiscardedOneByOneOrByFilterButNotWhileTheirOutputIsStillToWriteThem() throws Exception {
    // Served without a pipeline, so that a letter sent back stays requeued.
    running.close();
    running = null;
    try (EventStore store = EventStore.open(dir);
        LocalServer server = LocalServer.start(0, List.of(new DeadLettersPart(store)))) {
      api = new ApiClient(server);
      long requeued = idOf(7);
      assertThat(post("/api/dead-letters/" + requeued + "/redeliver", "").statusCode()).isEqualTo(202);

      HttpResponse<String> busy = delete(requeued);
      assertThat(busy.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(busy.body()).get("error").asText()).isEqualTo("dead letter " + requeued
          + " is being sent back to its output; discard it once it is delivered or refused again");

      long transformFailure = idOf(8);
      HttpResponse<String> one = delete(transformFailure);
      assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
      assertThat(JSON.readTree(one.body()).get("discarded").asInt()).isEqualTo(1);
      assertThat(api.get("/api/dead-letters/" + transformFailure).statusCode()).isEqualTo(404);
      assertThat(delete(transformFailure).statusCode()).as("discarded already").isEqualTo(404);

      HttpResponse<String> all = post("/api/dead-letters/discard", "{\"output\": \"out\"}");
      assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
      assertThat(JSON.readTree(all.body()).get("discarded").asInt()).as("seq 9's letter, not the requeued one")
          .isEqualTo(1);
      assertThat(JSON.readTree(api.get("/api/dead-letters").body()).get("dead_letters"))
          .extracting(l -> l.get("source_seq").asLong()).containsExactly(7L);
      HttpResponse<String> badFilter = post("/api/dead-letters/discard", "{\"stream\": 7}");
      assertThat(badFilter.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(badFilter.body()).get("error").asText()).isEqualTo("body.stream: 7 is not a stream name");
    }
  }

  private HttpResponse<String> delete(long id) throws Exception {
    return api.send(api.request("/api/dead-letters/" + id).DELETE());
  }

  private long idOf(long seq) throws Exception {
    for (JsonNode letter : JSON.readTree(api.get("/api/dead-letters").body()).get("dead_letters")) {
      if (letter.get("source_seq").asLong() == seq) {
        return letter.get("id").asLong();
      }
    }
    throw new AssertionError("no dead letter of seq " + seq);
  }

  private JsonNode awaitState(long id, String state) throws Exception {
    JsonNode letter = null;
    for (int i = 0; i < 200; i++) {
      letter = JSON.readTree(api.get("/api/dead-letters/" + id).body());
      if (letter.get("state").asText().equals(state)) {
        return letter;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("dead letter " + id + " is still " + letter);
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return api.send(api.request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static DeliveryLedger.DeadLetter letter(String output, long seq, String record, String error) {
    return new DeliveryLedger.DeadLetter(Instant.now(), "frames", output, seq, "e" + seq, record, error);
  }
}
