package io.datasipper.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule builder's lists come from the rules engine, over the API. */
class RulesPartTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theSchemaListsTheRuleLanguagesFieldsAndOperators() throws Exception {
    try (LocalServer server = LocalServer.start(0, List.of(new RulesPart()))) {
      HttpResponse<String> got = new ApiClient(server).get("/api/rules/schema");

      assertThat(got.statusCode()).isEqualTo(200);
      JsonNode schema = JSON.readTree(got.body());
      List<String> fields = new ArrayList<>();
      schema.get("fields").forEach(f -> fields.add(f.get("name").asText()));
      assertThat(fields).startsWith("type", "url", "host", "path", "query.<name>", "method", "status")
          .contains("response.json.<path>", "message");
      assertThat(schema.at("/fields/4/prefix").asText()).isEqualTo("query.");
      assertThat(schema.at("/fields/1/prefix").isNull()).isTrue();
      assertThat(schema.at("/fields/5/types").toString()).as("method").isEqualTo("[\"http\"]");
      List<String> operators = new ArrayList<>();
      schema.get("operators").forEach(o -> operators.add(o.get("key").asText() + ":" + o.get("value").asText()));
      assertThat(operators).contains("equals:scalar", "not_contains:text", "regex:regex", "in:list", "gte:number",
          "exists:none", "not_exists:none").hasSize(15);
      assertThat(schema.get("logic").toString()).isEqualTo("[\"AND\",\"OR\"]");
    }
  }
}
