package io.datasipper.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventStamps;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CapturedCounterTest {
  private static final long T0 = Instant.parse("2026-12-02T10:00:30Z").toEpochMilli();
  private final AtomicLong now = new AtomicLong(T0);
  private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());

  @Test
  void countsEachTypeInAllAndPerMinuteAndPassesEveryEventOn() {
    CapturedCounter counter = new CapturedCounter(clock);
    List<CaptureEvent> passed = new ArrayList<>();
    EventStamps stamps = new EventStamps(1);
    Traffic.emit(stamps, counter.counting(passed::add), 30); // 10 calls, 20 frames in minute 10:00
    now.addAndGet(60_000);
    Traffic.emit(stamps, counter.counting(passed::add), 3); // 1 call, 2 frames in minute 10:01
    assertThat(passed).hasSize(33);
    assertThat(counter.totals()).isEqualTo(Map.of("http", 11L, "ws_frame", 22L));
    long[] http = counter.lastHour(now.get()).get("http");
    assertThat(http).hasSize(60);
    assertThat(http[59]).as("this minute").isEqualTo(1);
    assertThat(http[58]).as("the minute before").isEqualTo(10);
    assertThat(MinuteSeries.firstMinuteStart(now.get()))
        .isEqualTo(Instant.parse("2026-12-02T09:02:00Z").toEpochMilli());
  }

  @Test
  void minutesOlderThanAnHourFallOutAndAnIdleHourReadsAsZeros() {
    MinuteSeries series = new MinuteSeries();
    series.add(T0, 5);
    series.add(T0 + 59 * 60_000, 7);
    assertThat(series.lastHour(T0 + 59 * 60_000)).startsWith(5).endsWith(7);
    assertThat(series.lastHour(T0 + 60 * 60_000)).startsWith(0).contains(7).doesNotContain(5);
    series.add(T0, 100); // over an hour old now: ignored
    assertThat(series.lastHour(T0 + 60 * 60_000)).doesNotContain(100, 105);
    assertThat(series.lastHour(T0 + 5 * 3_600_000)).containsOnly(0);
  }
}
