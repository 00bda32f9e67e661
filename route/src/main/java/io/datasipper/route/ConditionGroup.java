package io.datasipper.route;

import java.util.List;
import java.util.Objects;

/** Conditions joined by {@code logic}: all of them must hold (AND) or at least one (OR). */
public record ConditionGroup(Logic logic, List<Condition> conditions) implements Condition {

  public ConditionGroup {
    Objects.requireNonNull(logic, "logic");
    conditions = List.copyOf(conditions);
    // An empty OR would never match and an empty AND always: both are more likely mistakes.
    if (conditions.isEmpty()) {
      throw new IllegalArgumentException("a group needs at least one condition");
    }
  }
}
