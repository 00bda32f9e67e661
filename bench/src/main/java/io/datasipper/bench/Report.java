package io.datasipper.bench;

import java.util.List;

/** Everything one run measured, as written to the JSON file and rendered as Markdown. */
record Report(
    Environment environment,
    Settings settings,
    List<PhaseResult> phases,
    Sustainable bareSustainable,
    Sustainable dataSipperSustainable,
    List<Verdict> targets) {

  /**
   * @param commit the git commit the benchmark was built from ({@code -dirty} with uncommitted changes)
   * @param loadAtStart the 1-minute load average when the run started: the machine is shared
   */
  record Environment(
      String date,
      String startedAt,
      String finishedAt,
      String commit,
      String command,
      String java,
      String chromium,
      int cores,
      String loadAtStart,
      String loadAtEnd,
      long maxHeapBytes,
      List<String> garbageCollectors) {}

  /** The run's options and the store settings DataSipper ran with. */
  record Settings(
      List<Integer> rates,
      int seconds,
      List<Integer> rampRates,
      int rampSeconds,
      int warmupSeconds,
      int jitWarmupSeconds,
      int payloadBytes,
      int writerBatchSize,
      long writerFlushIntervalMillis,
      long writerMaxQueuedBytes,
      int ringCapacity) {}

  /**
   * The highest rate whose step met the criteria.
   *
   * @param framesPerSecond 0 if no step did
   * @param lowerBound true if no faster step was tried and failed: the reader may sustain more
   */
  record Sustainable(int framesPerSecond, boolean lowerBound) {
    String text() {
      return (lowerBound ? ">= " : "") + framesPerSecond + "/s";
    }
  }

  /** @param result PASS, FAIL, or NOT RUN when the options left out what it needs */
  record Verdict(String target, String required, String measured, String result) {}
}
