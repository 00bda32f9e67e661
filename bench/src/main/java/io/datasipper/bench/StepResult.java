package io.datasipper.bench;

/**
 * The figures of one step.
 *
 * @param sent frames the server sent; {@code planned} unless the server could not keep the pace
 * @param sendSeconds how long sending took
 * @param receivedWithin2s distinct frames the reader had 2 s after the server sent its last one
 * @param received distinct frames the reader had once they stopped coming (or the wait ran out)
 * @param latency server send to reader, over every frame received
 * @param jvmCpuSeconds CPU the JVM (server, reader, store) used from the step's start to its end
 * @param browserCpuSeconds CPU the browser's processes used in that time
 * @param wallSeconds the step's length, from the first frame to the end of the drain
 * @param store the store's figures; null for the bare reader
 * @param sustainable whether the step meets the sustainable-rate criteria (judged steps only)
 */
record StepResult(
    String label,
    int rate,
    int seconds,
    boolean judged,
    long planned,
    long sent,
    long sendFailures,
    double sendSeconds,
    long receivedWithin2s,
    long received,
    long duplicates,
    LatencyStats latency,
    MemorySampler.Peaks memory,
    double jvmCpuSeconds,
    double browserCpuSeconds,
    double wallSeconds,
    StoreFigures store,
    boolean sustainable) {

  /**
   * @param storedFrames distinct frames of the step in the store after it was closed
   * @param ingestRowsPerSecond rows the writer committed per second while the server was sending
   * @param pendingAt2s events accepted but not yet written, 2 s after the server stopped
   * @param droppedEvents events the writer dropped in the step because its queue was full
   * @param gapEvents capture_gap events the writer made in the step
   * @param writerPeakQueuedBytes the writer's own peak of queued bytes, since it started
   */
  record StoreFigures(
      long storedFrames,
      double ingestRowsPerSecond,
      long pendingAt2s,
      long droppedEvents,
      long gapEvents,
      long writerPeakQueuedBytes,
      long maxQueuedBytes) {

    StoreFigures withStoredFrames(long n) {
      return new StoreFigures(n, ingestRowsPerSecond, pendingAt2s, droppedEvents, gapEvents, writerPeakQueuedBytes,
          maxQueuedBytes);
    }
  }

  StepResult withStore(StoreFigures s) {
    return new StepResult(label, rate, seconds, judged, planned, sent, sendFailures, sendSeconds, receivedWithin2s,
        received, duplicates, latency, memory, jvmCpuSeconds, browserCpuSeconds, wallSeconds, s, sustainable);
  }
}
