package io.datasipper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.api.json.EventJson;
import io.datasipper.config.ConfigSource;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document at /api/openapi.json lists exactly the routes the server serves, and the
 * checks the tests make with it catch what does not match it.
 */
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

  /** What the feed tests' client checks each message with: a change of a message's shape fails them. */
  @Test
  void feedMessagesAreCheckedAgainstTheDocumentsFeedSchemas() throws Exception {
    String call = EventJson.write(SampleEvents.call(7));
    String frame = EventJson.write(SampleEvents.frame(8, "conn-1", "{\"n\":8}"));
    for (String sent : List.of(call, frame, "{\"live\":true}", "{\"live\":true,\"since\":0,\"caught_up\":2}",
        "{\"missed\":3,\"from_seq\":4,\"to_seq\":6}", "{\"error\":\"subscribe: not JSON\"}")) {
      OpenApiContract.checkServerMessage("/api/feed", sent);
    }
    ObjectNode renamed = (ObjectNode) new ObjectMapper().readTree(call);
    renamed.set("address", renamed.remove("url"));
    for (String changed : List.of(renamed.toString(), call.replace("\"seq\":7", "\"seq\":\"7\""),
        "{\"missed\":3,\"from_seq\":4}", "{\"live\":true,\"since\":0}", "{\"live\":true,\"caught\":2}")) {
      assertThatThrownBy(() -> OpenApiContract.checkServerMessage("/api/feed", changed)).as(changed)
          .isInstanceOf(AssertionError.class).hasMessageContaining("does not match the OpenAPI document");
    }
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
