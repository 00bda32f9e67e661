package io.datasipper.route;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a {@link Comparison} tests a field's value. Every {@code not_*} operator is exactly the
 * negation of its positive one, so a field an event does not have matches {@code not_exists},
 * {@code not_equals}, {@code not_contains} and {@code not_in}, and no other operator.
 */
public enum Operator {
  EQUALS("equals", null),
  NOT_EQUALS("not_equals", EQUALS),
  CONTAINS("contains", null),
  NOT_CONTAINS("not_contains", CONTAINS),
  STARTS_WITH("starts_with", null),
  ENDS_WITH("ends_with", null),
  REGEX("regex", null),
  IN("in", null),
  NOT_IN("not_in", IN),
  GT("gt", null),
  GTE("gte", null),
  LT("lt", null),
  LTE("lte", null),
  EXISTS("exists", null),
  NOT_EXISTS("not_exists", EXISTS);

  private final String key;
  private final Operator negationOf;

  Operator(String key, Operator negationOf) {
    this.key = key;
    this.negationOf = negationOf;
  }

  /** The operator's name in rules, e.g. {@code starts_with}. */
  public String key() {
    return key;
  }

  /** The operator this one negates ({@code equals} for {@code not_equals}), or null. */
  Operator negationOf() {
    return negationOf;
  }

  /** The operator named {@code key} in any case, or null. */
  static Operator byKey(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    for (Operator op : values()) {
      if (op.key.equals(lower)) {
        return op;
      }
    }
    return null;
  }

  static List<String> keys() {
    return Arrays.stream(values()).map(Operator::key).toList();
  }
}
