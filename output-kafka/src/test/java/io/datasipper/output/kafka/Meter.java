package io.datasipper.output.kafka;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * Wall time, this JVM's CPU time (broker, producer and pipeline alike), the part of it the broker's
 * threads used, and the load average over one run. CPU time per message depends far less than wall
 * time on what else the shared machine runs; the broker's part shows how much of a run's cost was
 * the broker's, which varies with the machine's state far more than the clients' does.
 */
final class Meter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final long wallStart = System.nanoTime();
  private final long cpuStart = cpuNanos();
  private final Map<Long, Long> brokerStart = brokerThreadNanos();
  private final double loadBefore = LoadAverage.oneMinute();

  ThroughputRuns.Run run(String path, String baseline, int round, int messages) {
    long broker = 0;
    for (Map.Entry<Long, Long> now : brokerThreadNanos().entrySet()) {
      Long start = brokerStart.get(now.getKey());
      if (start != null) {
        broker += now.getValue() - start;
      }
    }
    return new ThroughputRuns.Run(path, baseline, round, messages, System.nanoTime() - wallStart, cpuNanos() - cpuStart,
        broker, loadBefore, LoadAverage.oneMinute());
  }

  private static long cpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  /**
   * CPU time of each live thread that is neither a client's (the bench's main thread, a producer's
   * network thread, the pipeline's) nor the JVM's own: the in-process broker's.
   */
  private static Map<Long, Long> brokerThreadNanos() {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (t != null && isBrokers(t.getThreadName())) {
        long nanos = THREADS.getThreadCpuTime(t.getThreadId());
        if (nanos >= 0) {
          cpu.put(t.getThreadId(), nanos);
        }
      }
    }
    return cpu;
  }

  private static boolean isBrokers(String name) {
    return !(name.equals("main") || name.startsWith("kafka-producer-network-thread") || name.startsWith("datasipper-")
        || name.equals("Reference Handler") || name.equals("Finalizer") || name.equals("Signal Dispatcher")
        || name.equals("Common-Cleaner") || name.equals("Notification Thread") || name.equals("Attach Listener"));
  }
}
