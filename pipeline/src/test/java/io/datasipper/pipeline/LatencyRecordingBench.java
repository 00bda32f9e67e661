package io.datasipper.pipeline;

import io.datasipper.api.event.EventStamps;
import io.datasipper.api.output.OutputRecord;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What recording capture → acknowledged latency costs an output worker, against counting the
 * delivered records alone (what it did before), in the same run: batches of 500 records with ids
 * made as the capture makes them, acknowledged one after the other.
 *
 * <pre>
 * java -cp pipeline/target/test-classes:pipeline/target/classes:... io.datasipper.pipeline.LatencyRecordingBench
 * </pre>
 */
public final class LatencyRecordingBench {
  private static final int BATCH = 500;
  private static final int BATCHES_PER_ROUND = 20_000;
  private static final int WARM_UP_ROUNDS = 5;
  private static final int MEASURED_ROUNDS = 11;
  /** CPU time as well as wall-clock time: on a shared machine, the wall clock counts other programs' turns too. */
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private LatencyRecordingBench() {}

  public static void main(String[] args) {
    byte[] json = "{\"type\":\"ws_frame\",\"n\":1}".getBytes(StandardCharsets.UTF_8);
    List<OutputRecord> records = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      records.add(OutputRecord.ofJsonUtf8("frames", i + 1, EventStamps.newId(), "conn-1", "ws_frame", json));
    }
    double[][] counting = new double[2][MEASURED_ROUNDS];
    double[][] recording = new double[2][MEASURED_ROUNDS];
    for (int round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
      double[] count = countOnly(records);
      double[] record = countAndRecord(records);
      String kind = round < WARM_UP_ROUNDS ? "warm-up " : "measured";
      System.out.printf("%s round %2d: count only %6.2f ns/record (%6.2f CPU)   count + latency %6.2f ns/record"
          + " (%6.2f CPU)%n", kind, round + 1, count[0], count[1], record[0], record[1]);
      if (round >= WARM_UP_ROUNDS) {
        for (int k = 0; k < 2; k++) {
          counting[k][round - WARM_UP_ROUNDS] = count[k];
          recording[k][round - WARM_UP_ROUNDS] = record[k];
        }
      }
    }
    System.out.printf("medians, wall clock: count only %.2f ns/record, count + latency %.2f: latency adds %.2f ns a"
        + " delivered record%n", median(counting[0]), median(recording[0]), median(recording[0]) - median(counting[0]));
    System.out.printf("medians, CPU time:   count only %.2f ns/record, count + latency %.2f: latency adds %.2f ns a"
        + " delivered record%n", median(counting[1]), median(recording[1]), median(recording[1]) - median(counting[1]));
    System.out.printf("(%d-record batches, %d measured rounds of %,d records; load average %.1f on %d cores)%n", BATCH,
        MEASURED_ROUNDS, (long) BATCH * BATCHES_PER_ROUND,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
  }

  /**
   * What the worker did before: adds the batch's size to the delivered count and the rate.
   *
   * @return wall-clock and CPU nanoseconds a record
   */
  private static double[] countOnly(List<OutputRecord> records) {
    LongAdder delivered = new LongAdder();
    PipelineStats.RatePerMinute rate = new PipelineStats.RatePerMinute();
    long cpu0 = CPU.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int i = 0; i < BATCHES_PER_ROUND; i++) {
      delivered.add(records.size());
      rate.add(records.size());
    }
    double[] perRecord = perRecord(t0, cpu0);
    check(delivered.sum());
    return perRecord;
  }

  /** What it does now: the same, and each record's latency into the output's histogram. */
  private static double[] countAndRecord(List<OutputRecord> records) {
    PipelineStats.OutputCounters counters = new PipelineStats().output("bench");
    long cpu0 = CPU.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int i = 0; i < BATCHES_PER_ROUND; i++) {
      counters.delivered(records, System.currentTimeMillis());
    }
    double[] perRecord = perRecord(t0, cpu0);
    check(counters.delivered());
    if (counters.latency().snapshot().count() != (long) BATCH * BATCHES_PER_ROUND) {
      throw new AssertionError("not every record was timed");
    }
    return perRecord;
  }

  /** Wall-clock and CPU nanoseconds a record since {@code t0} and {@code cpu0}. */
  private static double[] perRecord(long t0, long cpu0) {
    double records = (double) BATCH * BATCHES_PER_ROUND;
    return new double[] {(System.nanoTime() - t0) / records, (CPU.getCurrentThreadCpuTime() - cpu0) / records};
  }

  private static void check(long delivered) {
    if (delivered != (long) BATCH * BATCHES_PER_ROUND) {
      throw new AssertionError("counted " + delivered);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
