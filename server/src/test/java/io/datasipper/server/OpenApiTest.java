package io.datasipper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.config.ConfigSource;
import io.datasipper.store.EventStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document at /api/openapi.json lists exactly the routes the server serves. */
class OpenApiTest {
  @TempDir Path dataDir;

  @Test
  void everyRouteServedIsDocumentedAndEveryDocumentedRouteIsServed() throws Exception {
    try (EventStore store = EventStore.open(dataDir);
        LocalServer server = LocalServer.start(0, ApiParts.of(new ServerSources(dataDir, store,
            ConfigSource.read(null, dataDir, UnaryOperator.identity()), null, null, null)))) {
      HttpResponse<String> answer = new ApiClient(server).get("/api/openapi.json");
      assertThat(answer.statusCode()).isEqualTo(200);
      JsonNode document = new ObjectMapper().readTree(answer.body());
      assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
      assertThat(server.routes().stream().map(OpenApiTest::asOperation).sorted().toList())
          .as("the routes served, as the document names them")
          .isEqualTo(OpenApiContract.operations());
    }
  }

  @Test
  void everyReferenceInTheDocumentResolves() {
    JsonNode document = io.datasipper.server.openapi.OpenApiDocument.build();
    java.util.List<String> refs = new java.util.ArrayList<>();
    collectRefs(document, refs);
    assertThat(refs).isNotEmpty().allSatisfy(ref ->
        assertThat(document.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse());
  }

  private static void collectRefs(JsonNode node, java.util.List<String> refs) {
    if (node.has("$ref")) {
      refs.add(node.get("$ref").asText());
    }
    node.forEach(child -> collectRefs(child, refs));
  }

  /** {@code GET /api/events/{seq}} as served; a WebSocket route is documented as the GET that upgrades. */
  private static String asOperation(String route) {
    return route.startsWith("WS ") ? "GET " + route.substring(3) : route;
  }
}
