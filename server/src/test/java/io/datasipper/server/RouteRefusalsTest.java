package io.datasipper.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.config.ConfigSource;
import io.datasipper.store.EventStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request guard's refusals on the API's own routes, each checked against the OpenAPI document:
 * every route the server serves, not a test route, and what a refused change leaves as it was.
 */
class RouteRefusalsTest {
  private static final String EVIL = "http://evil.example";
  private static final String CONFIG = """
      streams:
        - name: calls
          conditions: [{field: type, operator: equals, value: http}]
          outputs: [out]
      outputs:
        out: {type: file, path: out.jsonl}
      """;

  @TempDir Path dataDir;
  private Path file;
  private EventStore store;
  private LocalServer server;
  private ApiClient api;

  @BeforeEach
  void serve() throws Exception {
    file = Files.writeString(dataDir.resolve(ConfigSource.DEFAULT_NAME), CONFIG);
    store = EventStore.open(dataDir);
    server = LocalServer.start(0, ApiParts.of(new ServerSources(dataDir, store,
        ConfigSource.read(null, dataDir, UnaryOperator.identity()), null, null, null)));
    api = new ApiClient(server);
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  @Test
  void everyRouteButHealthzAnswers401WithoutTheToken() throws Exception {
    HttpClient anonymous = HttpClient.newHttpClient();
    List<String> routes = server.routes();
    assertThat(routes).contains("PUT /api/config", "WS /api/feed", "GET /metrics");
    for (String route : routes) {
      String method = route.startsWith("WS ") ? "GET" : route.substring(0, route.indexOf(' '));
      String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
      HttpResponse<String> answer = anonymous.send(HttpRequest.newBuilder(URI.create(server.address() + path))
          .method(method, body(method)).header("Content-Type", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());
      OpenApiContract.check(method, path, answer.statusCode(),
          answer.headers().firstValue("Content-Type").orElse(null), answer.body());
      assertThat(answer.statusCode()).as(route).isEqualTo(path.equals("/healthz") ? 200 : 401);
    }
    assertThat(Files.readString(file)).isEqualTo(CONFIG);
  }

  @Test
  void everyChangeFromAForeignOriginIsRefusedWithTheTokenAndChangesNothing() throws Exception {
    List<String> changes = server.routes().stream()
        .filter(r -> r.startsWith("POST ") || r.startsWith("PUT ") || r.startsWith("DELETE ")).toList();
    assertThat(changes).contains("PUT /api/config", "POST /api/dead-letters/redeliver", "DELETE /api/dead-letters/{id}");
    String version = api.get("/api/config").headers().firstValue("ETag").orElseThrow();
    for (String route : changes) {
      String method = route.substring(0, route.indexOf(' '));
      String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
      HttpResponse<String> answer = api.send(api.request(path).header("Origin", EVIL).header("If-Match", version)
          .header("Content-Type", path.equals("/api/config") ? "text/yaml" : "application/json")
          .method(method, path.equals("/api/config") ? HttpRequest.BodyPublishers.ofString("streams: []\n")
              : body(method)));
      assertThat(answer.statusCode()).as(route).isEqualTo(403);
      assertThat(answer.body()).as(route).contains("Origin: 'http://evil.example' may not " + method);
    }
    assertThat(Files.readString(file)).isEqualTo(CONFIG);
  }

  @Test
  void aConfigOverTheBodyLimitIsRefusedWith413AndTheFileStaysAsItWas() throws Exception {
    String version = api.get("/api/config").headers().firstValue("ETag").orElseThrow();
    String oversize = CONFIG + "# " + "x".repeat(1024 * 1024) + "\n";
    HttpResponse<String> answer = api.send(api.request("/api/config").header("If-Match", version)
        .header("Content-Type", "text/yaml").PUT(HttpRequest.BodyPublishers.ofString(oversize)));
    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.body()).contains("request body: ").contains("more than the limit of 1048576 bytes");
    assertThat(Files.readString(file)).isEqualTo(CONFIG);
  }

  private static HttpRequest.BodyPublisher body(String method) {
    return method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
  }
}
