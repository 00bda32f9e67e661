package io.datasipper.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoSiteTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
  private DemoSite site;
  private String base;

  @BeforeEach
  void start() {
    site = new DemoSite();
    base = site.start();
  }

  @AfterEach
  void stop() {
    site.close();
    http.close();
  }

  @Test
  void servesThePageAndItsScript() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("<script src=\"/app.js\">");
    assertThat(get("/app.js").body()).contains("/api/prices", "/api/orders", "/ws/ticker", "/sse/news");
    assertThat(get("/style.css").statusCode()).isEqualTo(200);
  }

  @Test
  void pricesAreJsonAndMove() throws Exception {
    HttpResponse<String> response = get("/api/prices");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode first = JSON.readTree(response.body());
    assertThat(first.get("instruments")).hasSize(4);
    assertThat(first.get("instruments").get(0).get("symbol").asText()).isEqualTo("ACME");
    assertThat(first.get("instruments").get(0).get("price").isNumber()).isTrue();

    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode later = first;
    while (prices(later).equals(prices(first)) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      later = JSON.readTree(get("/api/prices").body());
    }
    assertThat(prices(later)).isNotEqualTo(prices(first));
  }

  @Test
  void acceptsAnOrderAndRejectsABadOne() throws Exception {
    HttpResponse<String> filled = post("/api/orders", "{\"symbol\":\"ACME\",\"side\":\"buy\",\"quantity\":10}");
    assertThat(filled.statusCode()).isEqualTo(201);
    JsonNode fill = JSON.readTree(filled.body());
    assertThat(fill.get("id").asText()).isEqualTo("ord-1");
    assertThat(fill.get("status").asText()).isEqualTo("filled");
    assertThat(fill.get("quantity").asInt()).isEqualTo(10);
    assertThat(fill.get("price").asDouble()).isPositive();

    HttpResponse<String> unknown = post("/api/orders", "{\"symbol\":\"NOPE\",\"side\":\"buy\",\"quantity\":1}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).get("error").asText()).startsWith("unknown symbol NOPE");

    HttpResponse<String> garbled = post("/api/orders", "{not json");
    assertThat(garbled.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(garbled.body()).get("error").asText()).startsWith("not an order");
  }

  @Test
  void tickerSendsTicksAfterSubscribingAndAnswersPings() throws Exception {
    BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    WebSocket socket = http.newWebSocketBuilder()
        .buildAsync(URI.create(base.replace("http:", "ws:") + "/ws/ticker"), new Collector(received))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    try {
      socket.sendText("{\"type\":\"subscribe\",\"symbols\":[\"ACME\",\"GLOBX\",\"INITECH\",\"UMBRL\",\"NOPE\"]}", true);
      JsonNode subscribed = next(received);
      assertThat(subscribed.get("type").asText()).isEqualTo("subscribed");
      assertThat(subscribed.get("symbols")).hasSize(4);

      JsonNode tick = next(received);
      assertThat(tick.get("type").asText()).isEqualTo("tick");
      assertThat(next(received).get("seq").asLong()).isGreaterThan(tick.get("seq").asLong());

      socket.sendText("{\"type\":\"ping\",\"at\":42}", true);
      JsonNode pong = next(received);
      while (pong.get("type").asText().equals("tick")) {
        pong = next(received);
      }
      assertThat(pong.get("type").asText()).isEqualTo("pong");
      assertThat(pong.get("at").asLong()).isEqualTo(42);
    } finally {
      socket.abort();
    }
  }

  @Test
  void newsStreamSendsNamedEventsWithIds() throws Exception {
    // As EventSource does: the site only streams to clients that accept an event stream.
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/sse/news"))
        .timeout(WAIT)
        .header("Accept", "text/event-stream")
        .build();
    HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));

    // Reads until two whole events have arrived; closing the site in stop() ends a stuck read.
    List<String> lines = CompletableFuture.supplyAsync(() -> {
      List<String> seen = new ArrayList<>();
      response.body().takeWhile(line -> seen.stream().filter(String::isEmpty).count() < 2).forEach(seen::add);
      return seen;
    }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    response.body().close();

    assertThat(lines).contains("event: headline", "id: 1", "id: 2");
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("data: {\"symbol\":"));
  }

  @Test
  void closeStopsTheServer() throws Exception {
    site.close();
    assertThatThrownBy(() -> get("/api/prices")).isInstanceOf(ConnectException.class);
  }

  private static List<Double> prices(JsonNode prices) {
    return prices.get("instruments").valueStream().map(q -> q.get("price").asDouble()).toList();
  }

  private static JsonNode next(BlockingQueue<JsonNode> received) throws InterruptedException {
    JsonNode message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(message).as("a WebSocket message within " + WAIT).isNotNull();
    return message;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(WAIT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Collects whole text messages as JSON. */
  private static final class Collector implements WebSocket.Listener {
    private final BlockingQueue<JsonNode> received;
    private final StringBuilder partial = new StringBuilder();

    Collector(BlockingQueue<JsonNode> received) {
      this.received = received;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          received.add(JSON.readTree(partial.toString()));
        } catch (IOException e) {
          throw new AssertionError(e);
        }
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }
  }
}
