package io.datasipper.transform;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.graalvm.polyglot.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles JavaScript transforms. Owns the one GraalJS {@link Engine} they share, so compiled code
 * and parsed sources are reused by every stream, and the watchdog and heap watch that enforce their
 * {@link Limits}.
 * Create one per process.
 */
public final class JsTransforms implements AutoCloseable {
  /** The JVM options that enable the optimizing runtime, for the log line and the docs. */
  public static final String OPTIMIZING_JVM_OPTIONS =
      "-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=<compiler jars>";
  private static final Logger LOG = LoggerFactory.getLogger(JsTransforms.class);
  private static final AtomicBoolean RUNTIME_LOGGED = new AtomicBoolean();

  private final Engine engine;
  private final Watchdog watchdog = new Watchdog();
  private final HeapMeter heapMeter;
  private final HeapWatch heapWatch;
  private final boolean optimizing;

  public JsTransforms() {
    engine = Engine.newBuilder("js")
        .option("engine.WarnInterpreterOnly", "false") // said once below, in our log, not on stderr
        .logHandler(new Slf4jHandler())
        .build();
    // The fallback runtime calls itself "Interpreted"; with a Graal compiler it names the compiler.
    optimizing = !engine.getImplementationName().toLowerCase(java.util.Locale.ROOT).contains("interpret");
    heapMeter = HeapMeter.of(engine);
    heapWatch = new HeapWatch(heapMeter);
    if (RUNTIME_LOGGED.compareAndSet(false, true)) {
      if (optimizing) {
        LOG.info("JavaScript transforms: GraalJS optimizing runtime ({})", engine.getImplementationName());
      } else {
        LOG.warn("JavaScript transforms: GraalJS interpreter, several times slower; start the JVM with {}"
            + " to optimize", OPTIMIZING_JVM_OPTIONS);
      }
    }
  }

  /**
   * Loads {@code source}, which must define {@code function transform(event)}, into a fresh sandbox.
   *
   * @throws TransformSyntaxException for a syntax error (with its line and column), a failure of the
   *     script's top level, or a missing {@code transform} function
   */
  public JsTransform compile(String streamName, String source, Limits limits) throws TransformSyntaxException {
    return new JsTransform(this, streamName, source, limits);
  }

  /** "GraalJS optimizing runtime" or "GraalJS interpreter". */
  public String runtimeName() {
    return optimizing ? "GraalJS optimizing runtime" : "GraalJS interpreter";
  }

  public boolean optimizing() {
    return optimizing;
  }

  Engine engine() {
    return engine;
  }

  Watchdog watchdog() {
    return watchdog;
  }

  HeapMeter heapMeter() {
    return heapMeter;
  }

  HeapWatch heapWatch() {
    return heapWatch;
  }

  /** Stops the watchdog and the engine, cancelling whatever transform is still running. */
  @Override
  public void close() {
    watchdog.close();
    heapWatch.close();
    engine.close(true);
  }

  /** Truffle's own log lines (compilation failures, deprecations) go where ours go. */
  private static final class Slf4jHandler extends Handler {
    private static final Logger TRUFFLE = LoggerFactory.getLogger("io.datasipper.transform.graal");

    @Override
    public void publish(LogRecord r) {
      String msg = r.getLoggerName() + ": " + r.getMessage();
      if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
        TRUFFLE.warn(msg, r.getThrown());
      } else {
        TRUFFLE.debug(msg, r.getThrown());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
