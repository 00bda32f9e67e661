package io.datasipper.transform;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.transform.EventTransform;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream's {@code function transform(event)} in its own sandboxed context. The script sees the
 * event's documented JSON form (snake_case keys); it may keep state in globals between events.
 *
 * <p>Whatever the script does, {@link #apply} returns: a throw, a timeout, too many statements, too
 * much memory allocated by one event or kept across events, fail that one event, with an error that
 * names the limit. After a timeout or a throw the context is kept; when GraalJS cancelled it
 * (statement limit) or it may hold too much memory, it is rebuilt from the source before the next
 * event, which loses the script's globals.
 */
public final class JsTransform implements Transform, Watchdog.Guard, HeapWatch.Subject {
  private static final Logger LOG = LoggerFactory.getLogger(JsTransform.class);
  /** How long the watchdog waits for an interrupt to take before cancelling the whole context. */
  private static final Duration INTERRUPT_GRACE = Duration.ofMillis(500);
  /** Wall-clock time beyond the CPU budget before a thread that blocks (no CPU used) is stopped. */
  private static final Duration WALL_SLACK = Duration.ofSeconds(1);

  private final JsTransforms owner;
  private final String stream;
  private final String source;
  private final Limits limits;
  private final Results results;

  private volatile Context context;
  /** The context's handle for the heap watch; null while there is no context. */
  private volatile Object heapHandle;
  /** Set by the heap watch when the context kept too much between events: the next event fails. */
  private volatile MemoryStop memoryStop;
  private Value function;
  private boolean closed;
  /** Events still to run with the warm-up budget (see {@link Limits#warmUpEvents()}). */
  private int coldEvents;

  // The guard: written by the running thread, read by the watchdog. runningEvent is written last in
  // begin() with release semantics and read first by the watchdog with acquire semantics: that
  // publishes the plain fields before it without a fence, which a volatile write costs on every event.
  // A watchdog that sees an event still running just after it ended stops nothing: an interrupt that
  // lands on the next event runs that event again (see apply).
  private static final VarHandle RUNNING_EVENT;
  private long eventCount;
  private Duration budget;
  private long cpuBudget;
  private Thread runner;
  private long runningEvent; // only through RUNNING_EVENT
  private volatile long stoppedEvent;
  private volatile String stopReason;
  private volatile boolean discardAfterStop;

  private record MemoryStop(Object handle, String reason) {}

  static {
    try {
      RUNNING_EVENT = MethodHandles.lookup().findVarHandle(JsTransform.class, "runningEvent", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  JsTransform(JsTransforms owner, String stream, String source, Limits limits) throws TransformSyntaxException {
    this.owner = owner;
    this.stream = stream;
    this.source = source;
    this.limits = limits;
    this.results = new Results(limits.maxOutputNodes());
    owner.watchdog().watch(this);
    owner.heapWatch().watch(this);
    try {
      load();
    } catch (TransformSyntaxException | RuntimeException e) {
      close();
      throw e;
    }
  }

  public String stream() {
    return stream;
  }

  /** This transform as the pipeline takes it; closing the view closes the transform. */
  public EventTransform asEventTransform() {
    return new EventTransform() {
      @Override
      public Outcome apply(CaptureEvent event) {
        return switch (JsTransform.this.apply(event)) {
          case TransformResult.Emit emit -> new Outcome.Records(emit.json());
          case TransformResult.Drop drop -> new Outcome.Dropped();
          case TransformResult.Failed failed -> new Outcome.Failed(failed.error());
        };
      }

      @Override
      public void close() {
        JsTransform.this.close();
      }
    };
  }

  @Override
  public synchronized TransformResult apply(CaptureEvent event) {
    if (closed) {
      throw new IllegalStateException("transform of stream '" + stream + "' is closed");
    }
    if (context == null) {
      try {
        load();
        LOG.info("transform of stream '{}': restarted its script after a stopped event", stream);
      } catch (TransformSyntaxException | RuntimeException e) {
        discard();
        return new TransformResult.Failed("cannot restart the transform: " + e.getMessage());
      }
    }
    MemoryStop kept = memoryStop;
    if (kept != null && kept.handle() == heapHandle) {
      if (keepsTooMuch()) {
        discard(); // the next event starts the script afresh
        return new TransformResult.Failed(kept.reason());
      }
      // The walk counted the stack of an event that has ended since. Should a newer report be lost
      // by this write, the heap watch walks again at its next tick: it last saw more than the limit.
      memoryStop = null;
    }
    for (int attempt = 0; ; attempt++) {
      long n = begin(coldEvents > 0 ? limits.warmUpTimeout() : limits.timeout());
      if (coldEvents > 0) {
        coldEvents--;
      }
      try {
        context.resetLimits();
        return results.read(function.execute(new RecordView((Record) event)));
      } catch (PolyglotException e) {
        if (e.isInterrupted() && stoppedEvent != n && attempt == 0) {
          continue; // an interrupt meant for the previous event landed late: run this one again
        }
        return new TransformResult.Failed(failure(e, n));
      } catch (OutputConverter.Invalid e) {
        return new TransformResult.Failed("transform returned " + e.getMessage()
            + "; expected plain data (objects, arrays, strings, numbers, booleans, null)");
      } catch (IllegalStateException e) { // the context was cancelled from outside
        discard();
        return new TransformResult.Failed(stoppedEvent == n ? stopReason : "stopped: " + e.getMessage());
      } catch (RuntimeException e) { // a bug of ours: fail the event, not the pipeline thread
        LOG.warn("transform of stream '{}': internal error", stream, e);
        discard();
        return new TransformResult.Failed("internal error in the transform runner: " + e);
      } finally {
        end();
      }
    }
  }

  /**
   * Whether the script keeps more than its limit, measured now, between events, when the context
   * holds only what the script keeps: the heap watch's walk may have begun during an event and
   * counted that event's stack, which is gone once the event ended.
   */
  private boolean keepsTooMuch() {
    try {
      return owner.heapMeter().retainedBytes(heapHandle, limits.maxHeapBytes()) > limits.maxHeapBytes();
    } catch (RuntimeException e) {
      LOG.debug("transform of stream '{}': cannot measure its heap again; the heap watch's walk stands", stream, e);
      return true;
    }
  }

  /** The event's error text; drops the context when it cannot or should not be used again. */
  private String failure(PolyglotException e, long n) {
    if (stoppedEvent == n) {
      if (discardAfterStop || e.isCancelled()) {
        discard();
      }
      return stopReason;
    }
    if (e.isResourceExhausted() || e.isCancelled()) {
      discard(); // GraalJS cancels the context when the statement limit is hit
      return e.isResourceExhausted() ? exhausted(e) : "stopped: " + e.getMessage();
    }
    if (e.isInternalError()) {
      discard();
      return "internal error in the JavaScript engine: " + e.getMessage();
    }
    return e.getMessage() + where(e);
  }

  /**
   * Which resource ran out: GraalJS reports the statement limit (it cancels the context) and the
   * JVM's out-of-memory error (it does not) the same way otherwise.
   */
  private String exhausted(PolyglotException e) {
    return e.isCancelled()
        ? "ran more than " + limits.statementLimit() + " statements"
        : "ran out of memory: the JVM's heap is full (" + e.getMessage() + ")";
  }

  /**
   * The script's line the error happened on. An engine error (a TypeError) carries its place; a
   * value the script throws does not, so its place is the innermost frame of the script's own source.
   */
  private String where(PolyglotException e) {
    SourceSection at = e.getSourceLocation();
    if (at == null || at.getSource().isInternal()) {
      at = null;
      for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
        SourceSection place = frame.getSourceLocation();
        if (frame.isGuestFrame() && place != null && place.getSource().getName().equals(stream + ".js")) {
          at = place;
          break;
        }
      }
    }
    return at == null ? "" : " (line " + at.getStartLine() + ")";
  }

  /** Creates the context and runs the script's top level, under the same limits as an event. */
  private void load() throws TransformSyntaxException {
    Context c = Sandbox.newContext(owner.engine(), stream, limits);
    context = c;
    // Setting up the JS realm runs no user code and takes seconds for an engine's first context on a
    // busy machine: not on the script's clock.
    c.initialize("js");
    heapHandle = owner.heapMeter().handle(c);
    long n = begin(limits.warmUpTimeout());
    coldEvents = limits.warmUpEvents();
    try {
      c.eval(Source.newBuilder("js", source, stream + ".js").buildLiteral());
      // Also finds `const transform = ...`, which is not a property of the global object.
      Value f = c.eval("js", "typeof transform === 'function' ? transform : undefined");
      if (!f.canExecute()) {
        throw new TransformSyntaxException(stream, 0, 0, "the script defines no function transform(event)");
      }
      function = Results.runner(c, f, limits.maxOutputNodes());
    } catch (PolyglotException e) {
      discard();
      throw syntaxError(e, n);
    } catch (TransformSyntaxException | RuntimeException e) {
      discard();
      throw e;
    } finally {
      end();
    }
  }

  private TransformSyntaxException syntaxError(PolyglotException e, long n) {
    var at = e.getSourceLocation();
    int line = at == null ? 0 : at.getStartLine();
    int column = at == null ? 0 : at.getStartColumn();
    String message = e.getMessage().lines().findFirst().orElse("");
    // GraalJS starts the message with "name.js:line:column " itself.
    message = message.replaceFirst("^\\Q" + stream + ".js\\E:\\d+:\\d+ ", "");
    if (stoppedEvent == n) {
      message = "the script's top level " + stopReason;
    } else if (e.isResourceExhausted()) {
      message = "the script's top level " + exhausted(e);
    } else if (!e.isSyntaxError()) {
      message = "the script failed while loading: " + message;
    } else {
      message = "syntax error: " + message;
    }
    return new TransformSyntaxException(stream, line, column, message);
  }

  private long begin(Duration timeout) {
    long n = ++eventCount;
    runner = Thread.currentThread();
    budget = timeout;
    cpuBudget = timeout.toNanos();
    RUNNING_EVENT.setRelease(this, n); // last: the watchdog reads it first, so it never sees an older budget
    return n;
  }

  private void end() {
    RUNNING_EVENT.setRelease(this, 0L);
  }

  private void discard() {
    Context c = context;
    context = null;
    heapHandle = null;
    memoryStop = null;
    function = null;
    if (c != null) {
      try {
        c.close(true);
      } catch (RuntimeException e) {
        LOG.debug("transform of stream '{}': closing its context failed", stream, e);
      }
    }
  }

  @Override
  public long runningEvent() {
    return (long) RUNNING_EVENT.getAcquire(this);
  }

  @Override
  public long cpuBudgetNanos() {
    return cpuBudget;
  }

  @Override
  public long wallBudgetNanos() {
    return cpuBudget + WALL_SLACK.toNanos();
  }

  @Override
  public Thread runner() {
    return runner;
  }

  @Override
  public long maxAllocatedBytes() {
    return limits.maxAllocatedBytes();
  }

  @Override
  public Object heapHandle() {
    return heapHandle;
  }

  @Override
  public long maxHeapBytes() {
    return limits.maxHeapBytes();
  }

  /**
   * Fails the event the walk saw running, or else the next one if the script still keeps too much
   * then, and restarts the script: what it keeps is reachable from its globals, and only a new
   * context lets it go.
   */
  @Override
  public void keptTooMuch(Object handle, long bytes, long during) {
    String reason = "kept more than " + (limits.maxHeapBytes() >> 20) + " MiB in memory (in its globals or"
        + " closures); the script was restarted";
    memoryStop = new MemoryStop(handle, reason);
    long event = runningEvent();
    // An event that began after the walk did is not the one whose stack the walk may have counted.
    if (event != 0 && handle == heapHandle && (during == 0 || during == event)) {
      stop(event, reason, true);
    }
  }

  @Override
  public void stop(long event, Watchdog.Reason why) {
    String reason = switch (why) {
      case CPU_TIME -> "timed out after " + budget.toMillis() + " ms";
      case WALL_TIME -> "timed out after " + budget.plus(WALL_SLACK).toMillis() + " ms of wall-clock time";
      case MEMORY -> "allocated more than " + (limits.maxAllocatedBytes() >> 20) + " MiB";
    };
    stop(event, reason, why == Watchdog.Reason.MEMORY); // its globals may hold what it allocated
  }

  private void stop(long event, String reason, boolean discard) {
    Context c = context;
    if (runningEvent() != event || c == null) {
      return;
    }
    stopReason = reason;
    discardAfterStop = discard;
    stoppedEvent = event;
    try {
      c.interrupt(INTERRUPT_GRACE);
    } catch (TimeoutException e) {
      LOG.warn("transform of stream '{}': {} and did not stop within {} ms; cancelling its context",
          stream, reason, INTERRUPT_GRACE.toMillis());
      discardAfterStop = true;
      c.close(true);
    } catch (IllegalStateException e) {
      // closed meanwhile: nothing left to stop
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    owner.watchdog().forget(this);
    owner.heapWatch().forget(this);
    discard();
  }
}
