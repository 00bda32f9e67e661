package io.datasipper.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The {@code /api/stats} answer as {@code openapi/stats.json} documents it (JSON Schema 2020-12):
 * the tests check every answer they get against it.
 */
final class StatsSchema {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema REPORT = load();

  private StatsSchema() {}

  private static Schema load() {
    try (InputStream in = StatsSchema.class.getResourceAsStream("/io/datasipper/server/openapi/stats.json")) {
      JsonNode fragment = JSON.readTree(in);
      ObjectNode rooted = (ObjectNode) fragment.path("paths").path("/api/stats").path("get").path("responses")
          .path("200").path("content").path("application/json").path("schema").deepCopy();
      rooted.set("components", fragment.path("components"));
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(rooted.toString(), InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @throws AssertionError listing what in {@code body} does not match the document */
  static void check(String body) {
    List<Error> errors = REPORT.validate(body, InputFormat.JSON);
    if (!errors.isEmpty()) {
      throw new AssertionError("/api/stats answered what openapi/stats.json does not describe: " + errors
          + "\nbody: " + body);
    }
  }
}
