package io.datasipper.output.kafka;

import java.lang.management.ManagementFactory;

/**
 * Wall time, this JVM's CPU time (broker, producer and pipeline alike) and the load average over
 * one run. CPU time per message depends far less than wall time on what else the shared machine
 * runs.
 */
final class Meter {
  private final long wallStart = System.nanoTime();
  private final long cpuStart = cpuNanos();
  private final double loadBefore = LoadAverage.oneMinute();

  ThroughputRuns.Run run(String path, int round, int messages) {
    return new ThroughputRuns.Run(path, round, messages, System.nanoTime() - wallStart, cpuNanos() - cpuStart,
        loadBefore, LoadAverage.oneMinute());
  }

  private static long cpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }
}
