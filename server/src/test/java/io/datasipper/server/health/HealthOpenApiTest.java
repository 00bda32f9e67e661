package io.datasipper.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The health fragment documents both routes, every reference in it resolves in it or in the
 * guard's fragment (the shared 401/403/413 answers), and {@code /readyz}'s answers have the
 * documented shape.
 */
class HealthOpenApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theFragmentDocumentsBothRoutesAndItsReferencesResolve() throws Exception {
    JsonNode health = fragment("health.json");
    JsonNode guard = fragment("guard.json");
    assertThat(health.path("paths").fieldNames()).toIterable().containsExactly("/healthz", "/readyz");
    List<String> refs = new ArrayList<>();
    collectRefs(health, refs);
    assertThat(refs).isNotEmpty().allSatisfy(ref -> {
      String pointer = ref.substring(1); // "#/components/..." -> "/components/..."
      assertThat(!health.at(pointer).isMissingNode() || !guard.at(pointer).isMissingNode()).as(ref).isTrue();
    });
  }

  @Test
  void readinessAnswersHaveTheDocumentedShape() throws Exception {
    JsonNode schemas = fragment("health.json").path("components").path("schemas");
    Pattern names = Pattern.compile(schemas.at("/Readiness/properties/components/propertyNames/pattern").asText());
    List<String> statuses = new ArrayList<>();
    schemas.at("/ComponentHealth/properties/status/enum").forEach(s -> statuses.add(s.asText()));
    HealthCheck broken = () -> {
      throw new IllegalStateException("boom");
    };
    try (LocalServer server = LocalServer.start(0, List.of(new ReadinessPart(List.of(CaptureHealth.absent(),
        CaptureHealth.of(() -> true), PipelineHealth.notDelivering(() -> List.of("a b")), broken))))) {
      JsonNode answer = JSON.readTree(new ApiClient(server).get("/readyz").body());
      assertThat(answer.fieldNames()).toIterable().containsExactlyInAnyOrder("ready", "components");
      assertThat(answer.path("ready").isBoolean()).isTrue();
      answer.path("components").properties().forEach(component -> {
        assertThat(component.getKey()).matches(names);
        assertThat(component.getValue().fieldNames()).toIterable().containsExactly("status", "detail");
        assertThat(component.getValue().path("status").asText()).isIn(statuses);
        assertThat(component.getValue().path("detail").isTextual()).isTrue();
      });
    }
  }

  private static JsonNode fragment(String name) throws Exception {
    try (InputStream in = HealthOpenApiTest.class.getResourceAsStream("/io/datasipper/server/openapi/" + name)) {
      assertThat(in).as(name).isNotNull();
      return JSON.readTree(in);
    }
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.has("$ref")) {
      refs.add(node.get("$ref").asText());
    }
    node.forEach(child -> collectRefs(child, refs));
  }
}
