package io.datasipper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PipelineStatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void aWorkingOutputThatHasNotTakenEventsStoredTenSecondsAgoIsLagging() throws Exception {
    PipelineStats stats = new PipelineStats();
    PipelineStats.OutputCounters kafka = stats.output("kafka");
    kafka.health.set("ok");
    kafka.cursor.set(5);
    long t0 = 1_000 * SECOND;
    assertThat(health(stats, 10, t0)).isEqualTo("ok");
    assertThat(health(stats, 15, t0 + 5 * SECOND)).isEqualTo("ok"); // behind, but not for long
    assertThat(health(stats, 20, t0 + 11 * SECOND)).isEqualTo("lagging"); // seq 10 was stored at t0
    kafka.cursor.set(10);
    assertThat(health(stats, 30, t0 + 12 * SECOND)).isEqualTo("ok");
    assertThat(health(stats, 40, t0 + 16 * SECOND)).isEqualTo("lagging"); // seq 15 was stored at t0 + 5 s
    assertThat(JSON.readTree(stats.snapshot(40, t0 + 17 * SECOND).get("output:kafka")).path("pending_events").asLong())
        .isEqualTo(30);
  }

  @Test
  void aSavedOutputReadsStoppedOnceNoDeliveryRunsWithItsCountsAndLastErrorKept() throws Exception {
    PipelineStats stats = new PipelineStats();
    PipelineStats.OutputCounters webhook = stats.output("webhook");
    webhook.health.set("failing");
    webhook.lastError.set("HTTP 503");
    webhook.nextRetryAt.set(java.time.Instant.parse("2026-12-06T01:00:00Z"));
    webhook.delivered.add(7);
    stats.stream("frames").matched.add(9);
    var saved = stats.snapshot(10, 1_000 * SECOND);
    // As saved while it read on its own (a catch-up stage is no thing to make here).
    String output = ((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(saved.get("output:webhook")))
        .put("catching_up", true).toString();

    var ended = JSON.readTree(PipelineStats.asEnded(output));
    assertThat(ended.path("health").asText()).isEqualTo("stopped");
    assertThat(ended.path("catching_up").asBoolean()).isFalse();
    assertThat(ended.path("next_retry_at").isNull()).isTrue();
    assertThat(ended.path("delivered").asLong()).isEqualTo(7);
    assertThat(ended.path("last_error").asText()).isEqualTo("HTTP 503");
    assertThat(JSON.readTree(output).path("next_retry_at").asText()).as("as saved").isEqualTo("2026-12-06T01:00:00Z");
    assertThat(PipelineStats.asEnded(saved.get("stream:frames"))).isEqualTo(saved.get("stream:frames"));
  }

  @Test
  void aFailingOutputStaysFailingHoweverFarBehind() throws Exception {
    PipelineStats stats = new PipelineStats();
    PipelineStats.OutputCounters sql = stats.output("sql");
    sql.health.set("failing");
    long t0 = 1_000 * SECOND;
    health(stats, 10, t0);
    assertThat(health(stats, 100, t0 + 60 * SECOND)).isEqualTo("failing");
  }

  @Test
  void healthAskedManyTimesASecondKeepsTheSameAnswerAndBoundedMemory() throws Exception {
    PipelineStats stats = new PipelineStats();
    PipelineStats.OutputCounters kafka = stats.output("kafka");
    kafka.health.set("ok");
    kafka.cursor.set(5);
    long t0 = 1_000 * SECOND;
    for (int i = 0; i < 100_000; i++) { // a client asking every 0.1 ms for 10 s
      stats.snapshot(10 + i / 1_000, t0 + i * (SECOND / 10_000));
    }
    assertThat(health(stats, 200, t0 + 10 * SECOND + 1)).isEqualTo("lagging"); // seq 10 was stored at t0
    assertThat(stats.storedSeqsKept()).as("one a tenth of a second over 10 s").isLessThanOrEqualTo(102);
  }

  private static String health(PipelineStats stats, long maxStoredSeq, long nowNanos) throws Exception {
    var snapshot = stats.snapshot(maxStoredSeq, nowNanos);
    String output = snapshot.keySet().stream().filter(k -> k.startsWith("output:")).findFirst().orElseThrow();
    return JSON.readTree(snapshot.get(output)).path("health").asText();
  }
}
