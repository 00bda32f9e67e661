package io.datasipper.capture.network;

import java.time.Instant;

/**
 * Converts the browser's monotonic timestamps (seconds) to wall-clock time. Every
 * {@code requestWillBeSent} and WebSocket handshake carries both clocks, which gives the offset;
 * until one has been seen, the local clock at arrival stands in.
 */
final class BrowserClock {
  private double offsetSeconds = Double.NaN;

  void learn(double monotonicSeconds, double wallSeconds) {
    if (wallSeconds > 0 && monotonicSeconds > 0) {
      offsetSeconds = wallSeconds - monotonicSeconds;
    }
  }

  Instant toInstant(double monotonicSeconds) {
    if (Double.isNaN(offsetSeconds)) {
      offsetSeconds = System.currentTimeMillis() / 1000.0 - monotonicSeconds;
    }
    double wall = monotonicSeconds + offsetSeconds;
    long micros = Math.round(wall * 1_000_000);
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
  }
}
