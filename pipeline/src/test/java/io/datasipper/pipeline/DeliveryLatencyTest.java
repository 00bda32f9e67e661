package io.datasipper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture → acknowledged latency per output, as {@code /metrics} and {@code /api/stats} show it. */
class DeliveryLatencyTest {
  @TempDir Path dir;

  @Test
  void eachDeliveredRecordCountsTheTimeFromItsCaptureToItsAcknowledgement() throws Exception {
    PipelineSpec spec = new PipelineSpec(
        List.of(Fixtures.stream("frames", "ws_frame", null, "file", "latency-throttled")),
        List.of(Fixtures.file("file", dir.resolve("out/frames.jsonl")),
            // Fault injection: the destination asks for 400 ms before it takes the first write.
            new OutputSpec("latency-throttled", "flaky", true, Map.of("fail_writes", 1, "retry_after_ms", 400))));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      SampleEvents.fill(store, 1, 300, DeliveryLatencyTest::capturedFrame);
      long stored = System.currentTimeMillis();
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      assertThat(pipeline.drain(Duration.ofSeconds(60))).isTrue();
      long drained = System.currentTimeMillis();

      LatencyHistogram.Snapshot file = pipeline.stats().output("file").latency().snapshot();
      LatencyHistogram.Snapshot throttled = pipeline.stats().output("latency-throttled").latency().snapshot();
      assertThat(file.count()).isEqualTo(300);
      assertThat(throttled.count()).isEqualTo(300);
      assertThat(throttled.percentile(0.5)).as("every record waited for the retry").isGreaterThanOrEqualTo(0.4);
      assertThat(throttled.maxSeconds()).isLessThanOrEqualTo((drained - stored) / 1e3 + 1);
      assertThat(file.percentile(0.99)).as("the file output did not wait for the throttled one")
          .isLessThan(throttled.percentile(0.5));
    }
  }

  @Test
  void eventsNotMadeByACaptureAreDeliveredButNotTimed() throws Exception {
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", null, "file")),
        List.of(Fixtures.file("file", dir.resolve("out/frames.jsonl"))));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 30); // ids e1, e2...: they tell no capture time
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      assertThat(pipeline.drain(Duration.ofSeconds(60))).isTrue();
      assertThat(pipeline.stats().output("file").delivered()).isEqualTo(20);
      assertThat(pipeline.stats().output("file").latency().snapshot().count()).isZero();
    }
  }

  /** A received frame with an id made as the capture makes it, now. */
  private static CaptureEvent capturedFrame(long seq) {
    String payload = "{\"n\":" + seq + "}";
    return new WsFrameEvent(EventStamps.newId(), seq, Instant.now(), "conn-1", "ws://127.0.0.1/ws",
        WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT, Body.text(payload, payload.length(), false),
        payload.length(), SampleEvents.TAB);
  }
}
