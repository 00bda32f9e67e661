package io.datasipper.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The API's OpenAPI 3.1 document: a base ({@code openapi.json}: info, security, shared schemas)
 * with each part's fragment merged in. A part documents its own routes beside its code, in
 * {@code openapi/<part>.json} shaped {@code {"paths": {...}, "components": {"schemas": {...}}}}.
 * The request guard's refusals ({@code guard.json}) come before any route, so every operation
 * lists them, unless its fragment says them its own way: 401 (all but {@code /healthz}), 403, and
 * 413 where a body is taken.
 */
public final class OpenApiDocument {
  /** The parts' fragments, in the order their paths are listed. */
  static final List<String> FRAGMENTS = List.of("guard", "health", "events", "har", "feed", "stats", "config",
      "deadletters", "ui", "rules", "outputtypes");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The one route open without a token. */
  private static final String HEALTHZ = "/healthz";

  private OpenApiDocument() {}

  /**
   * The whole document.
   *
   * @throws IllegalStateException if two fragments document the same operation or the same schema
   */
  public static ObjectNode build() {
    ObjectNode document = (ObjectNode) read("openapi.json");
    for (String name : FRAGMENTS) {
      JsonNode fragment = read(name + ".json");
      if (fragment != null) {
        mergePaths(document, fragment, name);
        mergeComponents(document, fragment, name);
      }
    }
    addGuardRefusals(document);
    return document;
  }

  private static void addGuardRefusals(ObjectNode document) {
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (operation.getKey().startsWith("x-") || operation.getKey().equals("parameters")) {
          continue;
        }
        ObjectNode responses = ((ObjectNode) operation.getValue()).withObjectProperty("responses");
        if (!path.getKey().equals(HEALTHZ)) {
          refusal(responses, "401", "Unauthorized");
        }
        refusal(responses, "403", "Forbidden");
        if (operation.getValue().has("requestBody")) {
          refusal(responses, "413", "ContentTooLarge");
        }
      }
    }
  }

  private static void refusal(ObjectNode responses, String status, String shared) {
    if (!responses.has(status)) {
      responses.putObject(status).put("$ref", "#/components/responses/" + shared);
    }
  }

  private static void mergePaths(ObjectNode document, JsonNode fragment, String name) {
    ObjectNode paths = document.withObjectProperty("paths");
    for (Map.Entry<String, JsonNode> path : fragment.path("paths").properties()) {
      ObjectNode operations = paths.withObjectProperty(path.getKey());
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (operations.has(operation.getKey())) {
          throw new IllegalStateException(name + ".json documents " + operation.getKey() + " " + path.getKey()
              + " again");
        }
        operations.set(operation.getKey(), operation.getValue());
      }
    }
  }

  private static void mergeComponents(ObjectNode document, JsonNode fragment, String name) {
    ObjectNode components = document.withObjectProperty("components");
    for (Map.Entry<String, JsonNode> kind : fragment.path("components").properties()) {
      ObjectNode into = components.withObjectProperty(kind.getKey());
      for (Map.Entry<String, JsonNode> item : kind.getValue().properties()) {
        JsonNode before = into.get(item.getKey());
        if (before != null && !before.equals(item.getValue())) {
          throw new IllegalStateException(name + ".json defines components." + kind.getKey() + "." + item.getKey()
              + " otherwise than another fragment");
        }
        into.set(item.getKey(), item.getValue());
      }
    }
  }

  /** The resource's JSON, or null if there is none of that name. */
  private static JsonNode read(String resource) {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream("/io/datasipper/server/openapi/" + resource)) {
      return in == null ? null : JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenAPI fragment " + resource, e);
    }
  }
}
