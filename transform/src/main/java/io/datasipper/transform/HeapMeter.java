package io.datasipper.transform;

import com.oracle.truffle.api.TruffleContext;
import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Instrument;

/**
 * Measures the heap a transform's context retains: everything reachable from its globals and
 * stack, the way GraalVM's enterprise sandbox measures it for {@code sandbox.MaxHeapMemory}, which
 * the community runtime does not offer. Truffle gives this measurement to instruments only
 * ({@link TruffleInstrument.Env#calculateContextHeapSize}), so this is one, registered with the
 * engine through {@link HeapMeterProvider}.
 */
public final class HeapMeter {
  static final String ID = "datasipper-heap-meter";

  private final TruffleInstrument.Env env;

  HeapMeter(TruffleInstrument.Env env) {
    this.env = env;
  }

  /** The meter of {@code engine}. */
  static HeapMeter of(Engine engine) {
    Instrument instrument = engine.getInstruments().get(ID);
    HeapMeter meter = instrument == null ? null : instrument.lookup(HeapMeter.class);
    if (meter == null) {
      throw new IllegalStateException("the GraalJS engine did not load the transform heap meter");
    }
    return meter;
  }

  /** A handle on {@code context} for {@link #retainedBytes}. */
  Object handle(Context context) {
    context.enter();
    try {
      return env.getEnteredContext();
    } finally {
      context.leave();
    }
  }

  /**
   * The bytes the context retains, counted up to a little past {@code stopAtBytes}: a walk of its
   * object graph, so it costs time in proportion to what the context holds.
   */
  long retainedBytes(Object handle, long stopAtBytes) {
    return env.calculateContextHeapSize((TruffleContext) handle, stopAtBytes, new AtomicBoolean());
  }

  /**
   * A thread to measure on: a walk of a context that is running an event takes the event's stack
   * at a safepoint, which only a thread Truffle knows may wait for.
   */
  Thread newThread(Runnable task) {
    return env.createSystemThread(task);
  }

  /** The instrument that hands out the meter. */
  public static final class MeterInstrument extends TruffleInstrument {
    @Override
    protected void onCreate(Env env) {
      env.registerService(new HeapMeter(env));
    }
  }
}
