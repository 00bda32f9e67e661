package io.datasipper.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What a transform made of one event. Emitted objects are fresh trees owned by the caller. */
public sealed interface TransformResult {

  /** One or more JSON objects to pass on instead of the event. */
  record Emit(List<ObjectNode> events) implements TransformResult {
    public Emit {
      events = List.copyOf(events);
    }
  }

  /** The transform returned {@code null} or an empty array: nothing is passed on. */
  record Drop() implements TransformResult {}

  /** The transform threw, ran out of time, statements or memory, or returned something unusable. */
  record Failed(String error) implements TransformResult {}

  Drop DROP = new Drop();
}
