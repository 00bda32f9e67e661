package io.datasipper.output.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1-minute load average, to show how busy the shared machine was during a run. */
final class LoadAverage {
  private LoadAverage() {}

  static double oneMinute() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
  }
}
