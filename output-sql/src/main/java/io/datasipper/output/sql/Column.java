package io.datasipper.output.sql;

import io.datasipper.api.output.MissingFieldException;
import io.datasipper.api.output.OutputRecord;

/**
 * One column of the insert and where its value comes from: a template (bound as text, the
 * database converts it to the column's type) or one of the default columns' typed values.
 */
record Column(String name, Value value) {

  @FunctionalInterface
  interface Value {
    /** The value to bind: a String, a Long, an Instant or null. */
    Object of(OutputRecord record) throws MissingFieldException;
  }
}
