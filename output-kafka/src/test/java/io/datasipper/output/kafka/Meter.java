package io.datasipper.output.kafka;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Wall time, this JVM's CPU time (broker, producer and pipeline alike), the part of it the broker's
 * threads used, and the load average over one run. CPU time per message depends far less than wall
 * time on what else the shared machine runs; the broker's part shows how much of a run's cost was
 * the broker's, which varies with the machine's state far more than the clients' does.
 *
 * <p>Also what the producer's network thread did: its CPU time, and how many times it went round
 * its loop (each pass ends in one {@code select}, Kafka's {@code select-total}), which is where the
 * batch size shows. Both are read while the producer is open, so paths that close it first (the
 * pipeline's) have none.
 */
final class Meter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();
  private static final String NETWORK_THREAD = "kafka-producer-network-thread";
  private final long wallStart = System.nanoTime();
  private final long cpuStart = cpuNanos();
  private final Map<Long, Long> brokerStart = threadNanos(Meter::isBrokers);
  private final Map<Long, Long> networkThreadStart = threadNanos(name -> name.startsWith(NETWORK_THREAD));
  private final Map<String, Long> passesStart = networkThreadPasses();
  private final double loadBefore = LoadAverage.oneMinute();

  ThroughputRuns.Run run(String path, String baseline, int round, int messages) {
    Map<Long, Long> networkThreads = threadNanos(name -> name.startsWith(NETWORK_THREAD));
    Map<String, Long> passes = networkThreadPasses();
    return new ThroughputRuns.Run(path, baseline, round, messages, System.nanoTime() - wallStart, cpuNanos() - cpuStart,
        sinceStart(brokerStart, threadNanos(Meter::isBrokers)),
        networkThreads.isEmpty() ? -1 : sinceStart(networkThreadStart, networkThreads),
        passes.isEmpty() ? -1 : sinceStart(passesStart, passes), loadBefore, LoadAverage.oneMinute());
  }

  /** The growth of each counter since the start; one that was not there at the start counts from 0. */
  private static <K> long sinceStart(Map<K, Long> start, Map<K, Long> now) {
    long sum = 0;
    for (Map.Entry<K, Long> e : now.entrySet()) {
      sum += e.getValue() - start.getOrDefault(e.getKey(), 0L);
    }
    return sum;
  }

  private static long cpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  /** CPU time of each live thread whose name passes the test. */
  private static Map<Long, Long> threadNanos(Predicate<String> named) {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (t != null && named.test(t.getThreadName())) {
        long nanos = THREADS.getThreadCpuTime(t.getThreadId());
        if (nanos >= 0) {
          cpu.put(t.getThreadId(), nanos);
        }
      }
    }
    return cpu;
  }

  /** Passes of its loop each open producer's network thread made so far, by client id. */
  private static Map<String, Long> networkThreadPasses() {
    Map<String, Long> passes = new HashMap<>();
    try {
      for (ObjectName producer : MBEANS.queryNames(new ObjectName("kafka.producer:type=producer-metrics,client-id=*"),
          null)) {
        Object total = MBEANS.getAttribute(producer, "select-total");
        passes.put(producer.getKeyProperty("client-id"), ((Number) total).longValue());
      }
    } catch (JMException e) {
      throw new IllegalStateException("cannot read the producers' metrics", e);
    }
    return passes;
  }

  /**
   * A thread that is neither a client's (the bench's main thread, a producer's network thread, the
   * pipeline's) nor the JVM's own: the in-process broker's.
   */
  private static boolean isBrokers(String name) {
    return !(name.equals("main") || name.startsWith(NETWORK_THREAD) || name.startsWith("datasipper-")
        || name.equals("Reference Handler") || name.equals("Finalizer") || name.equals("Signal Dispatcher")
        || name.equals("Common-Cleaner") || name.equals("Notification Thread") || name.equals("Attach Listener"));
  }
}
