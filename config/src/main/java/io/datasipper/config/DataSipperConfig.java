package io.datasipper.config;

import io.datasipper.capture.CaptureRules;
import io.datasipper.pipeline.PipelineSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A whole config file: what to capture, how much of it to hold in memory, and the streams and
 * outputs the pipeline runs.
 *
 * @param includedFiles the other files the config was read from (transform files), each with the
 *     {@link FileDigest} of the content that was read, so a change to one can be noticed
 */
public record DataSipperConfig(
    CaptureRules capture, StoreConfig store, PipelineSpec pipeline, Map<Path, String> includedFiles) {

  public DataSipperConfig {
    includedFiles = Map.copyOf(includedFiles);
  }

  /** No file: capture everything with the default rules, no streams. */
  public static DataSipperConfig defaults() {
    return new DataSipperConfig(CaptureRules.defaults(), StoreConfig.defaults(), new PipelineSpec(List.of(), List.of()),
        Map.of());
  }

  public DataSipperConfig withCapture(CaptureRules rules) {
    return new DataSipperConfig(rules, store, pipeline, includedFiles);
  }

  public DataSipperConfig withPipeline(PipelineSpec spec) {
    return new DataSipperConfig(capture, store, spec, includedFiles);
  }
}
