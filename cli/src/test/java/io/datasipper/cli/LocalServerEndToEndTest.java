package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.capture.testsite.TestSite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's view of the local server: {@code sip} prints the dashboard URL, and while it captures, the
 * API answers with what it captured, the feed streams it, and the health and metrics describe it.
 */
class LocalServerEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dataDir;

  @Test
  void whileSipCapturesItsServerAnswersWithWhatItCaptured() throws Exception {
    try (TestSite site = new TestSite()) {
      Process sip = CliProcess.sip(List.of(site.url("/"), "--for", "5m", "--data-dir", dataDir.toString()))
          .redirectErrorStream(true).start();
      try {
        URI dashboard = ServeCommandTest.DashboardLine.await(sip);
        String token = dashboard.getQuery().substring("token=".length());
        LinkedBlockingQueue<String> feed = subscribe(dashboard, token);
        assertThat(site.awaitDone(120)).as("the site's page ran its scenario").isTrue();

        JsonNode page = awaitJson(dashboard, token, "/api/events?type=http&q=/api/items&order=oldest",
            p -> !p.path("events").isEmpty());
        assertThat(page.path("events").get(0).path("url").asText()).contains("/api/items?color=");
        assertThat(page.path("events").get(0).path("response").path("status").asInt()).isEqualTo(200);

        // The feed subscribed from seq 0 as soon as sip printed its URL: the frames it caught up with
        // from the store come before its live notice, and any captured after it come after.
        JsonNode first = JSON.readTree(poll(feed));
        if (first.has("live")) {
          assertThat(first.path("caught_up").asLong()).as("the live notice counts the events caught up with: " + first)
              .isZero();
          first = JSON.readTree(poll(feed));
        }
        assertThat(first.path("type").asText()).as("the feed's first event is a captured frame: " + first)
            .isEqualTo("ws_frame");

        HttpResponse<String> ready = get(dashboard, token, "/readyz");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).path("components").path("capture").path("status").asText()).isEqualTo("up");

        HttpResponse<String> metrics = get(dashboard, token, "/metrics");
        assertThat(metrics.body()).containsPattern("datasipper_events_captured_total\\{type=\"ws_frame\"} [1-9]");

        HttpResponse<String> stats = get(dashboard, token, "/api/stats");
        assertThat(JSON.readTree(stats.body()).path("capture")).as("sip reads its browser's one tab, the site's")
            .isEqualTo(JSON.readTree("{\"attached\": true, \"tabs\": 1}"));

        assertThat(get(dashboard, "0".repeat(32), "/api/events").statusCode()).as("a wrong token").isEqualTo(401);
      } finally {
        sip.destroy();
        sip.waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  private LinkedBlockingQueue<String> subscribe(URI dashboard, String token) {
    LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
        .buildAsync(URI.create("ws://" + dashboard.getAuthority() + "/api/feed"), new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              messages.add(text.toString());
              text.setLength(0);
            }
            ws.request(1);
            return null;
          }
        }).join();
    socket.sendText("{\"filter\": {\"field\": \"type\", \"operator\": \"equals\", \"value\": \"ws_frame\"}, \"since\": 0}",
        true).join();
    return messages;
  }

  private static String poll(LinkedBlockingQueue<String> feed) throws InterruptedException {
    String message = feed.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(message).as("a feed message within %s", WAIT).isNotNull();
    return message;
  }

  private JsonNode awaitJson(URI dashboard, String token, String path, java.util.function.Predicate<JsonNode> done)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      HttpResponse<String> answer = get(dashboard, token, path);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode json = JSON.readTree(answer.body());
      if (done.test(json)) {
        return json;
      }
      assertThat(System.nanoTime()).as("%s within %s; last answer %s", path, WAIT, json).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private HttpResponse<String> get(URI dashboard, String token, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(dashboard.resolve(path)).header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
