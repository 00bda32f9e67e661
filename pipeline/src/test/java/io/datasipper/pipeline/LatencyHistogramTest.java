package io.datasipper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.datasipper.api.output.OutputRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void percentilesAreWithinABucketOfTheTrueValue() {
    LatencyHistogram h = new LatencyHistogram();
    for (int ms = 1; ms <= 1000; ms++) {
      h.record(ms);
    }
    LatencyHistogram.Snapshot s = h.snapshot();
    assertThat(s.count()).isEqualTo(1000);
    assertThat(s.percentile(0.5)).isCloseTo(0.5, within(0.5 * 0.25));
    assertThat(s.percentile(0.99)).isCloseTo(0.99, within(0.99 * 0.25));
    assertThat(s.percentile(1)).isEqualTo(1.0);
    assertThat(s.maxSeconds()).isEqualTo(1.0);
    assertThat(s.sumSeconds()).isCloseTo(500.5, within(1e-9));
  }

  @Test
  void countsAtTheBoundsPrometheusUsersExpectAreExact() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(0);
    h.record(1);
    h.record(2);
    h.record(3);
    h.record(60_000);
    h.record(60_001);
    h.record(5 * 3_600_000); // above the last bound
    LatencyHistogram.Snapshot s = h.snapshot();
    assertThat(s.countAtMost(0.001)).isEqualTo(2);
    assertThat(s.countAtMost(0.0025)).isEqualTo(3);
    assertThat(s.countAtMost(0.005)).isEqualTo(4);
    assertThat(s.countAtMost(60)).isEqualTo(5);
    assertThat(s.countAtMost(3600)).isEqualTo(6);
    assertThat(s.count()).isEqualTo(7);
    assertThat(s.percentile(1)).as("above the last bound: the longest").isEqualTo(18_000.0);
    assertThat(LatencyHistogram.Snapshot.upperBoundsSeconds()).contains(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
        0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 600, 1800, 3600);
  }

  @Test
  void anEmptyHistogramHasNoPercentilesAndABoundThatIsNoBucketIsRefused() {
    LatencyHistogram.Snapshot s = new LatencyHistogram().snapshot();
    assertThat(s.percentile(0.5)).isNaN();
    assertThat(s.count()).isZero();
    assertThatThrownBy(() -> s.countAtMost(0.7)).hasMessageContaining("upper bound 0.7 s is not a bucket bound");
    assertThatThrownBy(() -> s.percentile(99)).hasMessageContaining("percentile 99.0 is not between 0 and 1");
  }

  @Test
  void aBatchCountsEachRecordInTheBucketOfItsOwnLatency() {
    long ack = 1_800_000_000_000L;
    // Runs of records in one bucket, and records alone in theirs, in the order a batch may hold them.
    long[] latenciesMs = {3_000, 3_000, 2_900, 5, 5, 5, 5, 3_000, 70_000, 0, 1, 2};
    List<OutputRecord> records = new ArrayList<>();
    for (long ms : latenciesMs) {
      records.add(OutputRecord.ofJson("s", records.size() + 1, idMadeAt(ack - ms), null, "ws_frame", "{}"));
    }
    records.add(OutputRecord.ofJson("s", 99, "e99", null, "ws_frame", "{}")); // made elsewhere: not timed
    LatencyHistogram h = new LatencyHistogram();
    h.recordAcknowledged(records, ack);
    LatencyHistogram.Snapshot s = h.snapshot();
    assertThat(s.count()).isEqualTo(latenciesMs.length);
    assertThat(s.countAtMost(0.001)).isEqualTo(2);
    assertThat(s.countAtMost(0.0025)).isEqualTo(3);
    assertThat(s.countAtMost(0.005)).isEqualTo(7);
    assertThat(s.countAtMost(2.5)).isEqualTo(7);
    assertThat(s.countAtMost(5)).isEqualTo(11);
    assertThat(s.countAtMost(60)).isEqualTo(11);
    assertThat(s.maxSeconds()).isEqualTo(70.0);
    assertThat(s.sumSeconds()).isCloseTo(Arrays.stream(latenciesMs).sum() / 1e3, within(1e-9));
  }

  /** A version 7 UUID as {@link io.datasipper.api.event.EventStamps#newId} makes it at {@code millis}. */
  private static String idMadeAt(long millis) {
    return String.format("%08x-%04x-7abc-8def-0123456789ab", millis >>> 16, millis & 0xFFFF);
  }

  @Test
  void aClockSetBackCountsAsNoWait() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(-40);
    assertThat(h.snapshot().countAtMost(0.001)).isEqualTo(1);
  }
}
