package io.datasipper.config;

import io.datasipper.api.transform.EventTransform;
import io.datasipper.pipeline.TransformCompiler;
import io.datasipper.transform.JsTransforms;
import io.datasipper.transform.Limits;
import io.datasipper.transform.TransformSyntaxException;

/**
 * Compiles the streams' JavaScript transforms. The GraalJS engine is started on first use only:
 * it takes seconds, and configs without transforms should not pay for it.
 */
public final class Transforms {
  private static JsTransforms engine;

  private Transforms() {}

  public static TransformCompiler compiler() {
    return Transforms::compile;
  }

  /**
   * Loads a transform and throws it away, so that a config is checked as a whole when it is read:
   * a running pipeline is replaced only by one whose transforms are known to load.
   *
   * @throws TransformSyntaxException as {@link JsTransforms#compile} does
   */
  public static void check(String stream, String source) throws TransformSyntaxException {
    engine().compile(stream, source, Limits.DEFAULT).close();
  }

  /**
   * As the compiler compiles, but keeping the error's line and column apart from its message: for
   * an editor to mark the place.
   *
   * @throws TransformSyntaxException as {@link JsTransforms#compile} does
   */
  public static EventTransform load(String stream, String source) throws TransformSyntaxException {
    return engine().compile(stream, source, Limits.DEFAULT).asEventTransform();
  }

  private static EventTransform compile(String stream, String source) {
    try {
      return load(stream, source);
    } catch (TransformSyntaxException e) {
      throw new ConfigException("transform of " + e.getMessage());
    }
  }

  /** The runtime transforms run on, for reports. */
  public static synchronized String runtimeName() {
    return engine().runtimeName();
  }

  private static synchronized JsTransforms engine() {
    if (engine == null) {
      engine = new JsTransforms();
    }
    return engine;
  }
}
