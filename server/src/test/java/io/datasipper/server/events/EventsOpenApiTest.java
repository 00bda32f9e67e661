package io.datasipper.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The events routes' OpenAPI fragment says what the routes take, and its event schema is the documented one. */
class EventsOpenApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "event.";

  @Test
  void documentsEveryParameterTheRouteTakes() throws Exception {
    JsonNode list = fragment().at("/paths/~1api~1events/get");
    List<String> names = new ArrayList<>();
    list.get("parameters").forEach(p -> names.add(p.get("name").asText()));
    assertThat(names).containsExactlyElementsOf(EventsRequest.PARAMETERS);
    assertThat(list.at("/responses/200/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/EventsPage");
    JsonNode one = fragment().at("/paths/~1api~1events~1{seq}/get");
    assertThat(one.at("/responses").fieldNames()).toIterable().containsExactly("200", "400", "404", "500");
  }

  /** The fragment's copy of docs/events.schema.json, its $defs as components, must not drift from it. */
  @Test
  void itsEventSchemaIsTheDocumentedOne() throws Exception {
    JsonNode documented = JSON.readTree(Path.of("../docs/events.schema.json").toFile());
    JsonNode schemas = fragment().at("/components/schemas");
    ObjectNode event = ((ObjectNode) documented.deepCopy()).without(List.of("$schema", "$defs"));
    assertThat(schemas.get("Event")).isEqualTo(asComponent(event));
    for (Map.Entry<String, JsonNode> def : documented.get("$defs").properties()) {
      assertThat(schemas.get(PREFIX + def.getKey())).as(def.getKey()).isEqualTo(asComponent(def.getValue()));
    }
  }

  private static JsonNode fragment() throws Exception {
    try (InputStream in = EventsPart.class.getResourceAsStream("/io/datasipper/server/openapi/events.json")) {
      return JSON.readTree(in);
    }
  }

  /** A JSON Schema node with its {@code #/$defs/x} references pointing at the fragment's components. */
  private static JsonNode asComponent(JsonNode node) {
    if (node instanceof ObjectNode o) {
      ObjectNode copy = JSON.createObjectNode();
      for (Map.Entry<String, JsonNode> field : o.properties()) {
        JsonNode value = field.getValue();
        if (field.getKey().equals("$ref") && value.asText().startsWith("#/$defs/")) {
          copy.set("$ref", new TextNode("#/components/schemas/" + PREFIX + value.asText().substring("#/$defs/".length())));
        } else {
          copy.set(field.getKey(), asComponent(value));
        }
      }
      return copy;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode copy = JSON.createArrayNode();
      a.forEach(item -> copy.add(asComponent(item)));
      return copy;
    }
    return node;
  }
}
