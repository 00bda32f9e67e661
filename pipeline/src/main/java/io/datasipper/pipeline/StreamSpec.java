package io.datasipper.pipeline;

import io.datasipper.route.StreamRule;
import java.util.List;

/**
 * A stream as configured: which events go in (the rule), how they are transformed (JavaScript
 * source, or null to pass events on in their documented JSON form), and where they go.
 */
public record StreamSpec(StreamRule rule, String transformSource, List<String> outputs) {
  public StreamSpec {
    outputs = List.copyOf(outputs);
  }

  public String name() {
    return rule.name();
  }
}
