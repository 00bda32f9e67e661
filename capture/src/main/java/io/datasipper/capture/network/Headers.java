package io.datasipper.capture.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.EventHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the protocol's header objects into header lists (redacted with the rest of the event). */
final class Headers {
  private Headers() {}

  /**
   * The protocol joins repeated headers (such as Set-Cookie) with newlines in one value; they are
   * split back into one entry each.
   */
  static List<EventHeader> from(JsonNode headers) {
    if (headers == null || !headers.isObject()) {
      return List.of();
    }
    List<EventHeader> out = new ArrayList<>(headers.size());
    for (Map.Entry<String, JsonNode> h : headers.properties()) {
      for (String value : h.getValue().asText().split("\n", -1)) {
        out.add(new EventHeader(h.getKey(), value));
      }
    }
    return out;
  }
}
