package io.datasipper.cli.config;

import io.datasipper.capture.CaptureRules;
import io.datasipper.pipeline.PipelineSpec;

/** A whole config file: what to capture, and the streams and outputs the pipeline runs. */
public record DataSipperConfig(CaptureRules capture, PipelineSpec pipeline) {

  /** No file: capture everything with the default rules, no streams. */
  public static DataSipperConfig defaults() {
    return new DataSipperConfig(CaptureRules.defaults(), new PipelineSpec(java.util.List.of(), java.util.List.of()));
  }
}
