package io.datasipper.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.api.json.EventJson;
import java.util.ArrayList;
import java.util.List;

/** What a transform made of one event. */
public sealed interface TransformResult {

  /** One or more JSON objects to pass on instead of the event, each as compact JSON text. */
  record Emit(List<String> json) implements TransformResult {
    public Emit {
      json = List.copyOf(json);
    }

    /** The objects as fresh trees, read from the text. */
    public List<ObjectNode> events() {
      List<ObjectNode> events = new ArrayList<>(json.size());
      for (String text : json) {
        try {
          events.add((ObjectNode) EventJson.mapper().readTree(text));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("a transform emitted text that is not JSON: " + text, e);
        }
      }
      return events;
    }
  }

  /** The transform returned {@code null} or an empty array: nothing is passed on. */
  record Drop() implements TransformResult {}

  /** The transform threw, ran out of time, statements or memory, or returned something unusable. */
  record Failed(String error) implements TransformResult {}

  Drop DROP = new Drop();
}
