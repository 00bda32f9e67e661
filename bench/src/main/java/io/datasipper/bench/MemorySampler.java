package io.datasipper.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Samples memory every 100 ms in windows the benchmark opens and closes around each step: the
 * JVM's used heap and RSS, the in-memory store queue, and (every 500 ms, as listing processes costs
 * CPU) the browser's RSS. The JVM's peak RSS also comes from the kernel's VmHWM, reset per window;
 * the browser's PSS, dearer still to read, once as the window closes.
 */
final class MemorySampler implements AutoCloseable {
  private static final long PERIOD_MILLIS = 100;
  private static final int BROWSER_EVERY = 5;
  /** A bound on the thread's life: far beyond any run the options allow. */
  private static final long MAX_SAMPLES = 6 * 3600 * 1000 / PERIOD_MILLIS;

  /**
   * Peaks of one window, in bytes.
   *
   * @param heapAfterGcBytes the most heap in use right after a collection: the live data, without
   *     the garbage that {@code heapUsedBytes} includes (G1 lets it pile up in a large heap)
   * @param jvmRssSampledBytes the highest VmRSS sampled
   * @param jvmHwmBytes the kernel's VmHWM since the window opened (since the JVM started if it could not be reset)
   * @param hwmReset whether VmHWM was reset when the window opened
   * @param browserPssAtEndBytes the browser's PSS when the window closed
   */
  record Peaks(long heapUsedBytes, long heapAfterGcBytes, long jvmRssSampledBytes, long jvmHwmBytes, boolean hwmReset,
      long browserRssBytes, int browserProcesses, long browserPssAtEndBytes, long queuedBytes, int samples) {}

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null).toList();
  private final Thread thread;
  private volatile boolean closed;

  // Guarded by this.
  private boolean open;
  private boolean hwmReset;
  private LongSupplier queuedBytes = () -> 0;
  private long heapUsed;
  private long heapAfterGc;
  private long jvmRss;
  private long browserRss;
  private int browserProcesses;
  private long queued;
  private int samples;

  MemorySampler() {
    thread = Thread.ofPlatform().name("bench-memory-sampler").daemon().start(this::run);
  }

  /** Starts a window; {@code queuedBytes} reads the store's queue (0 where there is none). */
  synchronized void openWindow(LongSupplier queuedBytes) {
    this.queuedBytes = queuedBytes;
    heapUsed = heapAfterGc = jvmRss = browserRss = queued = 0;
    browserProcesses = samples = 0;
    hwmReset = Proc.resetPeakRss();
    open = true;
    sample(true);
  }

  /** Ends the window with a last sample and returns its peaks. */
  synchronized Peaks closeWindow() {
    sample(true);
    open = false;
    return new Peaks(heapUsed, heapAfterGc, jvmRss, Proc.statusBytes("self", "VmHWM"), hwmReset, browserRss, browserProcesses,
        Proc.browserPssBytes(), queued, samples);
  }

  private void run() {
    try {
      for (long i = 1; i <= MAX_SAMPLES && !closed; i++) {
        Thread.sleep(PERIOD_MILLIS);
        synchronized (this) {
          if (open) {
            sample(i % BROWSER_EVERY == 0);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sample(boolean withBrowser) {
    samples++;
    heapUsed = Math.max(heapUsed, memory.getHeapMemoryUsage().getUsed());
    heapAfterGc = Math.max(heapAfterGc, heapPools.stream().mapToLong(p -> p.getCollectionUsage().getUsed()).sum());
    jvmRss = Math.max(jvmRss, Proc.statusBytes("self", "VmRSS"));
    queued = Math.max(queued, queuedBytes.getAsLong());
    if (withBrowser) {
      Proc.Browser b = Proc.browser();
      if (b.rssBytes() > browserRss) {
        browserRss = b.rssBytes();
        browserProcesses = b.processes();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
