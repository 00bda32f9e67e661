package io.datasipper.route;

import java.util.Objects;

/** Holds when {@code condition} does not. */
public record NotCondition(Condition condition) implements Condition {

  public NotCondition {
    Objects.requireNonNull(condition, "condition");
  }
}
