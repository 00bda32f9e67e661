package io.datasipper.store;

import java.util.List;

/** Takes the result of {@link EventStore#sql}: its column names once, then each row as it is read. */
public interface SqlRows {
  void columns(List<String> names);

  /**
   * @param values one per column: a {@link Long}, {@link Double}, {@link String}, {@code byte[]} or
   *     null, as SQLite typed the value
   */
  void row(List<Object> values);
}
