package io.datasipper.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Set;

/** A request body that is a JSON object of known keys, checked once: what is wrong is refused with 400, named. */
public final class JsonBody {
  private JsonBody() {}

  /**
   * @param keys the keys the object may have
   * @param keysInWords those keys as the refusals name them ("stream and/or output")
   * @return the object; an empty one for an empty body
   * @throws ApiError 400 for a body that is not JSON, not an object, or has a key not in {@code keys}
   */
  public static JsonNode object(String body, Set<String> keys, String keysInWords) {
    if (body == null || body.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode object;
    try {
      object = ApiError.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "body: not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (!object.isObject()) {
      throw new ApiError(400, "body: expected a JSON object with " + keysInWords);
    }
    object.fieldNames().forEachRemaining(key -> {
      if (!keys.contains(key)) {
        throw new ApiError(400, "body." + key + ": unknown key; use " + keysInWords);
      }
    });
    return object;
  }
}
