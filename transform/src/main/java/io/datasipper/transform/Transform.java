package io.datasipper.transform;

import io.datasipper.api.event.CaptureEvent;

/**
 * Turns one event into zero, one or several JSON objects. One instance serves one stream; calls
 * are serialized, so a pipeline thread per stream is the intended use.
 */
public interface Transform extends AutoCloseable {

  /** Never throws for anything the transform's code does: failures come back as {@link TransformResult.Failed}. */
  TransformResult apply(CaptureEvent event);

  @Override
  void close();
}
