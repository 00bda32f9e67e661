package io.datasipper.pipeline;

import io.datasipper.api.transform.EventTransform;

/** Compiles a stream's transform source; the pipeline owns and closes what it returns. */
@FunctionalInterface
public interface TransformCompiler {
  EventTransform compile(String stream, String source);
}
