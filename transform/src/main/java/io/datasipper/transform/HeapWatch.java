package io.datasipper.transform;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that keeps each transform's script within {@link Limits#maxHeapBytes()}: the
 * heap its context retains (globals, closures, the running event's stack), which the per-event
 * limits cannot see: a script that keeps 8 MiB of every event allocates little per event, yet fills
 * any heap in time, and the out-of-memory error then strikes whichever thread allocates next.
 *
 * <p>Why this way: the community edition of GraalJS has no heap limit ({@code sandbox.MaxHeapMemory}
 * is enterprise-only), and the JVM's own heap figures cannot tell which context holds what. Walking a
 * context's object graph ({@link HeapMeter}) can, and does it the way the enterprise sandbox does: a
 * fresh script's context retains about 1 MiB and is walked in 2-3 ms, a walk stops a little past the
 * limit, and it runs on this thread, not the transform's (which only lists its stack frames for it
 * at a safepoint). Nothing can be kept that was not allocated, so a context is walked again only
 * once its thread has allocated enough to take what it kept at the last walk past the limit: a
 * script that keeps 1 MiB under a 64 MiB limit is walked once per 63 MiB allocated, and caught no
 * later than when it crosses the limit (up to a tick late).
 */
final class HeapWatch implements AutoCloseable {
  static final long TICK_NANOS = 10_000_000;
  private static final Logger LOG = LoggerFactory.getLogger(HeapWatch.class);
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** What a transform shows the heap watch. */
  interface Subject {
    /** The thread that runs the transform's events; null before the first. */
    Thread runner();

    /** The context to measure, from {@link HeapMeter#handle}; null while it has none. */
    Object heapHandle();

    long maxHeapBytes();

    /** The event running now, 0 between events: a walk that begins during an event counts its stack. */
    long runningEvent();

    /**
     * Says that the context {@code handle} retained {@code bytes}, over the limit, in a walk that
     * began while event {@code during} ran (0: between events). Called on this thread.
     */
    void keptTooMuch(Object handle, long bytes, long during);
  }

  private final HeapMeter meter;
  /** Per subject: its runner's allocated bytes and its kept bytes at the last walk; null before the first look. */
  private final Map<Subject, long[]> lastWalk = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean closed;

  HeapWatch(HeapMeter meter) {
    this.meter = meter;
    thread = meter.newThread(this::run);
    thread.setName("datasipper-transform-heap");
    thread.setDaemon(true);
    thread.start();
  }

  void watch(Subject s) {
    lastWalk.put(s, new long[] {-1, 0});
  }

  void forget(Subject s) {
    lastWalk.remove(s);
  }

  private void run() {
    while (!closed) {
      LockSupport.parkNanos(TICK_NANOS);
      for (Map.Entry<Subject, long[]> e : lastWalk.entrySet()) {
        try {
          check(e.getKey(), e.getValue());
        } catch (UnsupportedOperationException x) {
          LOG.warn("JavaScript transforms: this runtime cannot measure a script's heap, so it is not limited: {}",
              x.getMessage());
          return;
        } catch (RuntimeException x) {
          LOG.debug("transform heap watch: cannot measure a transform", x);
        }
      }
    }
  }

  /** @param last the runner's allocated bytes and the bytes kept at the last walk (-1 before the first) */
  private void check(Subject s, long[] last) {
    Thread runner = s.runner();
    Object handle = s.heapHandle();
    if (runner == null || handle == null) {
      return;
    }
    long allocated = THREADS.getThreadAllocatedBytes(runner.threadId());
    if (allocated < 0) {
      return; // the thread ended: it allocates nothing more
    }
    long limit = s.maxHeapBytes();
    boolean firstLook = last[0] < 0 || allocated < last[0]; // or another thread runs the transform now
    if (!firstLook && allocated - last[0] + last[1] <= limit) {
      return; // cannot have crossed the limit since the last walk
    }
    last[0] = allocated;
    long during = s.runningEvent();
    long started = System.nanoTime();
    long kept = meter.retainedBytes(handle, limit);
    last[1] = kept;
    if (LOG.isDebugEnabled()) {
      LOG.debug("a transform keeps {} bytes (measured in {} us)", kept, (System.nanoTime() - started) / 1000);
    }
    if (kept > limit) {
      s.keptTooMuch(handle, kept, during);
    }
  }

  /** Stops the thread and waits for it: the engine may close only after its system threads ended. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join(java.time.Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
