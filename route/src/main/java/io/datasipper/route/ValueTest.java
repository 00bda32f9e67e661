package io.datasipper.route;

/** An operator with its value from the rule, ready to test field values. */
@FunctionalInterface
interface ValueTest {
  /** @param value the field's value (see {@link Values}), or null when the event has no such field */
  boolean test(Object value);
}
