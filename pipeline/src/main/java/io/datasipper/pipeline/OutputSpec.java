package io.datasipper.pipeline;

import java.util.Map;

/**
 * An output as configured.
 *
 * @param startFromEarliest a new output (no saved progress) starts with the oldest stored event
 *     when true, else with events stored from its first start on
 * @param settings the keys the output's factory reads
 */
public record OutputSpec(String name, String type, boolean startFromEarliest, Map<String, Object> settings) {
  public OutputSpec {
    settings = Map.copyOf(settings);
  }
}
