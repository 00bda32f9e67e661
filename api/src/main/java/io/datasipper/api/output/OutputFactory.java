package io.datasipper.api.output;

import java.util.List;
import java.util.Map;

/**
 * Makes outputs of one type from their configuration. Implementations are found with
 * {@link java.util.ServiceLoader}: list them in {@code META-INF/services/io.datasipper.api.output.OutputFactory}.
 */
public interface OutputFactory {

  /** The {@code type} value that selects this factory in the config, e.g. {@code file}. */
  String type();

  /**
   * Checks the settings and makes the output; nothing is connected yet.
   *
   * @param name the output's name in the config
   * @param settings the output's config keys other than {@code type} (plain maps, lists, strings,
   *     numbers and booleans, as a YAML parser gives them)
   * @throws OutputConfigException naming the bad key, its value and what is allowed
   */
  Output create(String name, Map<String, Object> settings) throws OutputConfigException;

  /**
   * The keys {@link #create} takes, in the order a form shows them. The default, no keys, suits an
   * output that takes none.
   */
  default List<SettingSpec> settings() {
    return List.of();
  }

  /**
   * The most records the pipeline hands one {@link Output#write}. A write returns only once its
   * records are delivered, so a destination that confirms asynchronously (a broker's
   * acknowledgements) keeps busy only with writes large enough to cover a round trip.
   */
  default int maxRecordsPerWrite() {
    return 500;
  }

  /**
   * How many writes the pipeline may have started with {@link Output#startWrite} before it awaits
   * the oldest: 1 (the default) for outputs whose writes are done when {@code startWrite} returns.
   */
  default int maxWritesInFlight() {
    return 1;
  }
}
