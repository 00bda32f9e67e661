package io.datasipper.route;

/**
 * Tests one field of an event with an operator, e.g. {@code url contains "/api/"}. An event that
 * does not have the field (a header that was not sent, a JSON key that is not there, {@code status}
 * of a WebSocket frame) matches only the negative operators: {@code not_exists},
 * {@code not_equals}, {@code not_contains} and {@code not_in}.
 */
public final class Comparison implements Condition {
  private final Field field;
  private final Operator operator;
  private final Object value;
  private final boolean caseInsensitive;
  private final ValueTest test;

  Comparison(Field field, Operator operator, Object value, boolean caseInsensitive, ValueTest test) {
    this.field = field;
    this.operator = operator;
    this.value = value;
    this.caseInsensitive = caseInsensitive;
    this.test = test;
  }

  public Field field() {
    return field;
  }

  public Operator operator() {
    return operator;
  }

  /** The value to compare with, as written in the rule; null for exists and not_exists. */
  public Object value() {
    return value;
  }

  public boolean caseInsensitive() {
    return caseInsensitive;
  }

  /** @param fieldValue the field's value in an event, or null when the event does not have it */
  boolean test(Object fieldValue) {
    return test.test(fieldValue);
  }

  @Override
  public String toString() {
    return field + " " + operator.key() + (value == null ? "" : " " + value) + (caseInsensitive ? " (case-insensitive)" : "");
  }
}
