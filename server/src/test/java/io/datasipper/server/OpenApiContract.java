package io.datasipper.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.datasipper.server.openapi.OpenApiDocument;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the OpenAPI document promises, checked against real answers: the route and status are
 * listed, and a JSON body validates against the listed schema (JSON Schema 2020-12); a message a
 * WebSocket route sends validates against its {@code x-websocket} {@code server-messages} schema.
 */
public final class OpenApiContract {
  private static final ObjectNode DOCUMENT = OpenApiDocument.build();
  private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  /** By WebSocket path: compiled once, since a feed test receives thousands of messages. */
  private static final Map<String, Schema> SERVER_MESSAGES = new ConcurrentHashMap<>();

  private OpenApiContract() {}

  /**
   * The document's path template that {@code path} (without its query) falls under, the most
   * literal first ({@code /a/redeliver} before {@code /a/{id}}); null if none.
   */
  static String template(String path) {
    String found = null;
    for (Map.Entry<String, JsonNode> entry : DOCUMENT.path("paths").properties()) {
      String regex = Pattern.quote(entry.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      if (path.matches(regex) && (found == null || parameters(entry.getKey()) < parameters(found))) {
        found = entry.getKey();
      }
    }
    return found;
  }

  private static long parameters(String template) {
    return template.chars().filter(c -> c == '{').count();
  }

  /** Every documented operation, as {@code METHOD /path}. */
  static List<String> operations() {
    return DOCUMENT.path("paths").properties().stream()
        .flatMap(p -> p.getValue().properties().stream()
            .filter(o -> !o.getKey().startsWith("x-") && !o.getKey().equals("parameters"))
            .map(o -> o.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey()))
        .sorted().toList();
  }

  /** @throws AssertionError naming the route, status and what does not match the document */
  static void check(String method, String path, int status, String contentType, String body) {
    String route = method + " " + path + " answered " + status;
    String template = template(path);
    if (template == null) {
      throw new AssertionError(route + ": the OpenAPI document has no such path");
    }
    JsonNode operation = DOCUMENT.path("paths").path(template).path(method.toLowerCase(java.util.Locale.ROOT));
    if (operation.isMissingNode()) {
      throw new AssertionError(route + ": the OpenAPI document has no " + method + " for " + template);
    }
    JsonNode response = resolve(operation.path("responses").path(String.valueOf(status)));
    if (response.isMissingNode()) {
      response = resolve(operation.path("responses").path(status / 100 + "XX"));
    }
    if (response.isMissingNode()) {
      response = resolve(operation.path("responses").path("default"));
    }
    if (response.isMissingNode()) {
      throw new AssertionError(route + ": the OpenAPI document lists no such answer for " + method + " " + template);
    }
    if (contentType == null || !contentType.startsWith("application/json") || body.isEmpty()) {
      return;
    }
    JsonNode schema = response.path("content").path("application/json").path("schema");
    if (schema.isMissingNode()) {
      throw new AssertionError(route + " with JSON, which the OpenAPI document does not describe");
    }
    List<Error> errors = compile(schema).validate(body, InputFormat.JSON);
    if (!errors.isEmpty()) {
      throw new AssertionError(route + " with a body that does not match the OpenAPI document: " + errors
          + "\nbody: " + shortened(body));
    }
  }

  /**
   * @throws AssertionError naming the route and what does not match, if {@code message} is not one
   *     the document says the WebSocket at {@code path} sends
   */
  public static void checkServerMessage(String path, String message) {
    List<Error> errors = SERVER_MESSAGES.computeIfAbsent(path, OpenApiContract::serverMessages)
        .validate(message, InputFormat.JSON);
    if (!errors.isEmpty()) {
      throw new AssertionError("the WebSocket " + path + " sent a message that does not match the OpenAPI document: "
          + errors + "\nmessage: " + shortened(message));
    }
  }

  private static Schema serverMessages(String path) {
    JsonNode schema = DOCUMENT.path("paths").path(path).path("get").path("x-websocket").path("server-messages");
    if (schema.isMissingNode()) {
      throw new AssertionError("the OpenAPI document describes no messages of a WebSocket at " + path);
    }
    Schema compiled = compile(schema);
    compiled.initializeValidators(); // before clients validate with it from their threads
    return compiled;
  }

  /** A schema of the document, its references resolved in the document's components. */
  private static Schema compile(JsonNode schema) {
    ObjectNode rooted = ((ObjectNode) schema.deepCopy());
    rooted.set("components", DOCUMENT.path("components"));
    return SCHEMAS.getSchema(rooted.toString(), InputFormat.JSON);
  }

  private static String shortened(String text) {
    return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
  }

  /** A response, or the shared one it refers to under {@code #/components/responses}. */
  private static JsonNode resolve(JsonNode response) {
    String ref = response.path("$ref").asText("");
    if (ref.startsWith("#/components/responses/")) {
      return DOCUMENT.path("components").path("responses").path(ref.substring("#/components/responses/".length()));
    }
    return response;
  }
}
