package io.datasipper.pipeline;

import io.datasipper.api.event.EventStamps;
import io.datasipper.api.output.OutputRecord;
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

  private LatencyRecordingBench() {}

  public static void main(String[] args) {
    byte[] json = "{\"type\":\"ws_frame\",\"n\":1}".getBytes(StandardCharsets.UTF_8);
    List<OutputRecord> records = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      records.add(OutputRecord.ofJsonUtf8("frames", i + 1, EventStamps.newId(), "conn-1", "ws_frame", json));
    }
    double[] counting = new double[MEASURED_ROUNDS];
    double[] recording = new double[MEASURED_ROUNDS];
    for (int round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
      double count = countOnly(records);
      double record = countAndRecord(records);
      String kind = round < WARM_UP_ROUNDS ? "warm-up " : "measured";
      System.out.printf("%s round %2d: count only %6.2f ns/record   count + latency %6.2f ns/record%n", kind, round + 1,
          count, record);
      if (round >= WARM_UP_ROUNDS) {
        counting[round - WARM_UP_ROUNDS] = count;
        recording[round - WARM_UP_ROUNDS] = record;
      }
    }
    double c = median(counting);
    double r = median(recording);
    System.out.printf("medians: count only %.2f ns/record, count + latency %.2f ns/record: latency adds %.2f ns a"
        + " delivered record (%d-record batches, %d rounds of %,d records)%n", c, r, r - c, BATCH, MEASURED_ROUNDS,
        (long) BATCH * BATCHES_PER_ROUND);
  }

  /** What the worker did before: adds the batch's size to the delivered count and the rate. */
  private static double countOnly(List<OutputRecord> records) {
    LongAdder delivered = new LongAdder();
    PipelineStats.RatePerMinute rate = new PipelineStats.RatePerMinute();
    long t0 = System.nanoTime();
    for (int i = 0; i < BATCHES_PER_ROUND; i++) {
      delivered.add(records.size());
      rate.add(records.size());
    }
    long nanos = System.nanoTime() - t0;
    check(delivered.sum());
    return (double) nanos / ((long) BATCH * BATCHES_PER_ROUND);
  }

  /** What it does now: the same, and each record's latency into the output's histogram. */
  private static double countAndRecord(List<OutputRecord> records) {
    PipelineStats.OutputCounters counters = new PipelineStats().output("bench");
    long t0 = System.nanoTime();
    for (int i = 0; i < BATCHES_PER_ROUND; i++) {
      counters.delivered(records, System.currentTimeMillis());
    }
    long nanos = System.nanoTime() - t0;
    check(counters.delivered());
    if (counters.latency().snapshot().count() != (long) BATCH * BATCHES_PER_ROUND) {
      throw new AssertionError("not every record was timed");
    }
    return (double) nanos / ((long) BATCH * BATCHES_PER_ROUND);
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
