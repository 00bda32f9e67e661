package io.datasipper.transform;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that stops events running too long or allocating too much. Transforms only
 * write a few fields per event ({@link Guard}), without reading a clock, so the cost per event is a
 * few nanoseconds instead of scheduling and cancelling a timer; the price is up to one tick of
 * lateness: every limit counts from the tick that first saw the event.
 *
 * <p>Time is the running thread's CPU time: on a busy machine an event waiting for a core is not
 * the script's fault, and failing it would lose data. A wall-clock deadline still catches a thread
 * that blocks without using CPU.
 */
final class Watchdog implements AutoCloseable {
  static final long TICK_NANOS = 2_000_000;
  private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  enum Reason { CPU_TIME, WALL_TIME, MEMORY }

  /** What a transform shows the watchdog about the event it is running. */
  interface Guard {
    /** Nonzero while an event runs: its number, new for every event. */
    long runningEvent();

    /** CPU time the running event may use. */
    long cpuBudgetNanos();

    /** Wall-clock time the running event may take, whatever CPU it used. */
    long wallBudgetNanos();

    Thread runner();

    long maxAllocatedBytes();

    /** Stops the event if it still runs. Called on the watchdog thread. */
    void stop(long event, Reason reason);
  }

  private final Set<Guard> guards = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean closed;

  Watchdog() {
    thread = Thread.ofPlatform().daemon().name("datasipper-transform-watchdog").unstarted(this::run);
    thread.start();
  }

  void watch(Guard g) {
    guards.add(g);
    LockSupport.unpark(thread);
  }

  void forget(Guard g) {
    guards.remove(g);
  }

  private void run() {
    // Per guard: the event seen last tick, and its thread's allocation and CPU counters and the
    // clock when first seen.
    var seen = new ConcurrentHashMap<Guard, long[]>();
    while (!closed) {
      if (guards.isEmpty()) {
        seen.clear();
        LockSupport.parkNanos(100 * TICK_NANOS);
        continue;
      }
      LockSupport.parkNanos(TICK_NANOS);
      seen.keySet().retainAll(guards);
      for (Guard g : guards) {
        try {
          check(g, seen.computeIfAbsent(g, k -> new long[4]));
        } catch (RuntimeException e) {
          LOG.warn("transform watchdog: cannot check a transform", e);
        }
      }
    }
  }

  private static void check(Guard g, long[] seen) {
    long event = g.runningEvent();
    if (event == 0) {
      return;
    }
    Thread runner = g.runner();
    long allocated = runner == null ? -1 : THREADS.getThreadAllocatedBytes(runner.threadId());
    long cpu = runner == null ? -1 : THREADS.getThreadCpuTime(runner.threadId());
    long now = System.nanoTime();
    if (seen[0] != event) {
      seen[0] = event; // counted from here, up to a tick late: the limits are approximate by design
      seen[1] = allocated;
      seen[2] = cpu;
      seen[3] = now;
    }
    if (cpu >= 0 && seen[2] >= 0 && cpu - seen[2] > g.cpuBudgetNanos()) {
      g.stop(event, Reason.CPU_TIME);
    } else if (now - seen[3] > g.wallBudgetNanos()) {
      g.stop(event, Reason.WALL_TIME);
    } else if (allocated >= 0 && seen[1] >= 0 && allocated - seen[1] > g.maxAllocatedBytes()) {
      g.stop(event, Reason.MEMORY);
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
  }
}
