package io.datasipper.capture.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.EventHeader;
import io.datasipper.capture.CaptureRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the protocol's header objects into header lists, redacting credentials. */
final class Headers {
  private Headers() {}

  /**
   * The protocol joins repeated headers (such as Set-Cookie) with newlines in one value; they are
   * split back into one entry each.
   */
  static List<EventHeader> from(JsonNode headers, CaptureRules rules) {
    if (headers == null || !headers.isObject()) {
      return List.of();
    }
    List<EventHeader> out = new ArrayList<>(headers.size());
    for (Map.Entry<String, JsonNode> h : headers.properties()) {
      boolean secret = rules.isSecretHeader(h.getKey());
      for (String value : h.getValue().asText().split("\n", -1)) {
        out.add(new EventHeader(h.getKey(), secret ? CaptureRules.REDACTED : value));
      }
    }
    return out;
  }
}
