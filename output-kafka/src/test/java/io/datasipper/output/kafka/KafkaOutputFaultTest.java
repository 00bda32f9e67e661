package io.datasipper.output.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.kafka.broker.EmbeddedKafka;
import io.datasipper.output.testkit.OutputEvents;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.pipeline.PipelineStats;
import io.datasipper.store.EventStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away for 30 s in the middle of a stream of events and comes back: every event
 * still reaches the topic at least once, each connection's records in order.
 */
class KafkaOutputFaultTest {
  private static final int RATE_PER_SECOND = 200;
  private static final int EVENTS = 9_000; // 45 s at 200/s
  private static final Duration BROKER_UP_FIRST = Duration.ofSeconds(8);
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aBrokerStoppedFor30SecondsLosesNothing() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.startIn(dir.resolve("broker"));
        EventStore store = EventStore.open(dir.resolve("data"))) {
      kafka.createTopic("fault", 3);
      PipelineSpec spec = new PipelineSpec(
          List.of(OutputEvents.stream("frames", "ws_frame", "kafka"), OutputEvents.stream("calls", "http", "kafka")),
          List.of(Events.kafka("kafka", kafka, Map.of("topic", "fault"))));
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      Thread capture = Thread.ofPlatform().name("paced-capture").start(() -> storePaced(store));

      Thread.sleep(BROKER_UP_FIRST.toMillis());
      long deliveredBefore = pipeline.stats().output("kafka").delivered();
      kafka.stop();
      Thread.sleep(OUTAGE.toMillis());
      PipelineStats.OutputCounters during = pipeline.stats().output("kafka");
      String healthDuring = during.health();
      long retriesDuring = during.retries();
      String errorDuring = during.lastError();
      kafka.start();

      capture.join(Duration.ofSeconds(90));
      assertThat(capture.isAlive()).as("the paced capture ended").isFalse();
      assertThat(pipeline.drain(Duration.ofSeconds(120))).as("everything delivered after the restart").isTrue();

      List<TopicReader.Read> read = TopicReader.readAll(kafka, List.of("fault"), Integer.MAX_VALUE,
          Duration.ofSeconds(5), Duration.ofSeconds(120));
      Set<Long> distinct = read.stream().map(TopicReader.Read::sourceSeq).collect(Collectors.toSet());
      int duplicates = read.size() - distinct.size();
      System.out.printf("fault test: %d events, %d delivered before the outage, %d records read back, %d distinct,"
          + " %d duplicates; during the outage health=%s retries=%d last error=%s%n", EVENTS, deliveredBefore,
          read.size(), distinct.size(), duplicates, healthDuring, retriesDuring, errorDuring);

      assertThat(deliveredBefore).as("delivered before the outage").isPositive();
      assertThat(healthDuring).isEqualTo("failing");
      assertThat(retriesDuring).isPositive();
      assertThat(missing(distinct)).as("events lost").isEmpty();
      assertThat(distinct).hasSize(EVENTS);
      assertFirstDeliveriesInOrderPerKey(read);
    }
  }

  /** Stores events at a steady rate, as a capture would, one small batch every 10 ms. */
  private static void storePaced(EventStore store) {
    int perTick = RATE_PER_SECOND / 100;
    long next = System.nanoTime();
    for (long seq = 1; seq <= EVENTS; ) {
      List<CaptureEvent> batch = new ArrayList<>();
      for (int i = 0; i < perTick && seq <= EVENTS; i++, seq++) {
        batch.add(Events.event(seq));
      }
      store.insert(batch);
      next += 10_000_000L;
      LockSupport.parkNanos(next - System.nanoTime());
    }
  }

  private static List<Long> missing(Set<Long> delivered) {
    List<Long> missing = new ArrayList<>();
    for (long seq = 1; seq <= EVENTS; seq++) {
      if (!delivered.contains(seq)) {
        missing.add(seq);
      }
    }
    return missing;
  }

  /**
   * At least once may repeat records, but a key's records must first arrive in capture order, each
   * key in one partition.
   */
  private static void assertFirstDeliveriesInOrderPerKey(List<TopicReader.Read> read) {
    Map<String, List<TopicReader.Read>> byKey = read.stream()
        .collect(Collectors.groupingBy(TopicReader.Read::key, LinkedHashMap::new, Collectors.toList()));
    byKey.forEach((key, records) -> {
      assertThat(records).extracting(TopicReader.Read::partition).as("partitions of " + key)
          .containsOnly(records.getFirst().partition());
      Set<Long> seen = new HashSet<>();
      List<Long> firsts = records.stream().sorted(java.util.Comparator.comparingLong(TopicReader.Read::offset))
          .map(TopicReader.Read::sourceSeq).filter(seen::add).toList();
      assertThat(firsts).as("first deliveries of " + key).isSorted();
    });
  }
}
