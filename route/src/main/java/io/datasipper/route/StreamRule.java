package io.datasipper.route;

import java.util.Objects;

/**
 * A named stream and the condition an event must meet to go into it. Made by {@link RuleParser}
 * from the config form:
 *
 * <pre>
 * {"name": "api_calls", "conditions": [{"field": "url", "operator": "contains", "value": "/api/"}],
 *  "logic": "AND", "output": "kafka"}
 * </pre>
 *
 * @param name the stream name, {@code [a-z0-9_.-]{1,64}}, never {@code _unmatched}
 * @param condition the rule's top-level conditions as one group
 * @param output the output the stream is shipped to, as written; null when not given. Routing does
 *     not read it: it is kept for the outputs that are configured with the rules.
 */
public record StreamRule(String name, Condition condition, String output) {

  public StreamRule {
    String problem = StreamNames.problem(name);
    if (problem != null) {
      throw new IllegalArgumentException("the stream name \"" + name + "\" " + problem);
    }
    Objects.requireNonNull(condition, "condition");
  }
}
