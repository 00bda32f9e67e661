package io.datasipper.output.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import io.datasipper.kafka.broker.EmbeddedKafka;
import io.datasipper.output.testkit.OutputEvents;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka output against a real broker in this JVM, read back with a real consumer. */
class KafkaOutputTest {
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  @TempDir static Path brokerDir;
  private static EmbeddedKafka kafka;
  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.startIn(brokerDir);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void everyEventReachesItsStreamsTopicInOrderPerConnectionWithKeysAndHeaders() throws Exception {
    kafka.createTopic("datasipper.frames", 3);
    kafka.createTopic("datasipper.calls", 3);
    PipelineSpec spec = new PipelineSpec(
        List.of(OutputEvents.stream("frames", "ws_frame", "to-kafka"), OutputEvents.stream("calls", "http", "to-kafka")),
        List.of(Events.kafka("to-kafka", kafka,
            Map.of("headers", new java.util.TreeMap<>(Map.of("page", "${value.source.document_url}",
                "tab", "${value.source.tab_id}"))))));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Events.fill(store, 1, 3_000);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      assertThat(pipeline.drain(DRAIN_TIMEOUT)).isTrue();
      assertThat(pipeline.stats().output("to-kafka").delivered()).isEqualTo(3_000);
    }
    List<TopicReader.Read> frames = read("datasipper.frames", 2_000);
    List<TopicReader.Read> calls = read("datasipper.calls", 1_000);

    assertThat(frames).extracting(TopicReader.Read::sourceSeq).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(seqs(1, 3_000, s -> s % 3 != 0));
    assertThat(calls).extracting(TopicReader.Read::sourceSeq)
        .containsExactlyInAnyOrderElementsOf(seqs(1, 3_000, s -> s % 3 == 0));
    for (TopicReader.Read r : concat(frames, calls)) {
      CaptureEvent event = Events.event(r.sourceSeq());
      assertThat(r.value()).isEqualTo(EventJson.mapper().valueToTree(event).toString());
      assertThat(r.headers()).containsExactly(Map.entry("datasipper-stream", r.topic().substring("datasipper.".length())),
          Map.entry("datasipper-type", event.type()), Map.entry("datasipper-event-id", event.id()),
          Map.entry("datasipper-source-seq", Long.toString(event.seq())),
          Map.entry("page", SampleEvents.TAB.documentUrl()), Map.entry("tab", SampleEvents.TAB.tabId()));
    }
    // Frames are keyed by their connection: each connection in one partition, in capture order.
    assertThat(frames).allSatisfy(r -> assertThat(r.key()).isEqualTo("conn-" + r.sourceSeq() % Events.CONNECTIONS));
    Map<String, List<TopicReader.Read>> byConnection = frames.stream()
        .collect(Collectors.groupingBy(TopicReader.Read::key));
    assertThat(byConnection).hasSize(Events.CONNECTIONS);
    byConnection.forEach((connection, records) -> {
      assertThat(records).extracting(TopicReader.Read::partition).containsOnly(records.getFirst().partition());
      assertThat(records).extracting(TopicReader.Read::sourceSeq).isSorted();
    });
    assertThat(frames).extracting(TopicReader.Read::partition).as("4 connections over 3 partitions").hasSizeGreaterThan(0);
    assertThat(calls).allSatisfy(r -> assertThat(r.key()).isEqualTo("e" + r.sourceSeq()));
  }

  @Test
  void templatedTopicsFollowTheRecordAndARecordLackingTheFieldIsDeadLettered() throws Exception {
    // Made ahead rather than left to auto-creation, which can make a new partition's first batches
    // race (see EmbeddedKafka.createTopic) and repeat records this test counts exactly.
    List.of("tpl.ws_frame", "tpl.http", "status.http.200").forEach(t -> kafka.createTopic(t, 1));
    PipelineSpec spec = new PipelineSpec(
        List.of(OutputEvents.stream("frames", "ws_frame", "by-type", "by-status"),
            OutputEvents.stream("calls", "http", "by-type", "by-status")),
        List.of(Events.kafka("by-type", kafka, Map.of("topic", "tpl.${type}")),
            Events.kafka("by-status", kafka, Map.of("topic", "status.${type}.${value.response.status}"))));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Events.fill(store, 1, 300);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      assertThat(pipeline.drain(DRAIN_TIMEOUT)).isTrue();

      List<DeliveryLedger.DeadLetter> dead = new DeliveryLedger(store).deadLetters("frames", 1_000);
      assertThat(dead).hasSize(200).allSatisfy(d -> {
        assertThat(d.output()).isEqualTo("by-status");
        assertThat(d.error()).isEqualTo("status.${type}.${value.response.status}: value.response.status is missing"
            + " from the value (event " + d.eventId() + ", stream frames)");
      });
      assertThat(dead).extracting(DeliveryLedger.DeadLetter::sourceSeq)
          .containsExactlyInAnyOrderElementsOf(seqs(1, 300, s -> s % 3 != 0));
      assertThat(pipeline.stats().output("by-status").deadLettered()).isEqualTo(200);
      assertThat(pipeline.stats().output("by-status").delivered()).isEqualTo(100);
    }
    assertThat(read("tpl.ws_frame", 200)).extracting(TopicReader.Read::sourceSeq)
        .containsExactlyInAnyOrderElementsOf(seqs(1, 300, s -> s % 3 != 0));
    assertThat(read("tpl.http", 100)).hasSize(100);
    assertThat(read("status.http.200", 100)).extracting(TopicReader.Read::sourceSeq)
        .containsExactlyInAnyOrderElementsOf(seqs(1, 300, s -> s % 3 == 0));
  }

  @Test
  void topicsTheBrokerCreatesOnFirstUseGetEveryRecordAtLeastOnce() throws Exception {
    PipelineSpec spec = new PipelineSpec(List.of(OutputEvents.stream("frames", "ws_frame", "auto")),
        List.of(Events.kafka("auto", kafka, Map.of("topic", "auto.${value.connection_id}"))));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Events.fill(store, 1, 6_000);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      assertThat(pipeline.drain(DRAIN_TIMEOUT)).isTrue();
    }
    List<String> topics = java.util.stream.IntStream.range(0, Events.CONNECTIONS).mapToObj(c -> "auto.conn-" + c).toList();
    // Read until quiet: the first batches of a new partition may be written twice (at least once).
    List<TopicReader.Read> read = TopicReader.readAll(kafka, topics, Integer.MAX_VALUE, QUIET, READ_TIMEOUT);
    System.out.printf("auto-created topics: %d records read for 4000 frames%n", read.size());
    assertThat(read).extracting(TopicReader.Read::sourceSeq)
        .hasSameElementsAs(seqs(1, 6_000, s -> s % 3 != 0));
    assertThat(read).allSatisfy(r -> assertThat(r.topic()).isEqualTo("auto." + r.key()));
  }

  @Test
  void anExplicitPartitionTakesEveryRecordAndAMissingOneRefusesThem() throws Exception {
    kafka.createTopic("pinned", 3);
    PipelineSpec spec = new PipelineSpec(List.of(OutputEvents.stream("frames", "ws_frame", "pinned", "nowhere")),
        List.of(Events.kafka("pinned", kafka, Map.of("topic", "pinned", "partition", 2)),
            Events.kafka("nowhere", kafka, Map.of("topic", "pinned", "partition", 3))));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Events.fill(store, 1, 90);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      assertThat(pipeline.drain(DRAIN_TIMEOUT)).isTrue();
      assertThat(new DeliveryLedger(store).deadLetters("frames", 1_000)).hasSize(60)
          .allSatisfy(d -> assertThat(d.error()).isEqualTo("partition 3 does not exist: topic pinned has 3 partitions"));
    }
    assertThat(read("pinned", 60)).hasSize(60).extracting(TopicReader.Read::partition).containsOnly(2);
  }

  @Test
  void aRecordKafkaRefusesIsRejectedAtItsPlaceAndTheOthersAreAcknowledged() throws Exception {
    kafka.createTopic("sizes", 1);
    Output output = new KafkaOutputFactory().create("sizes", Map.of("bootstrap_servers", kafka.bootstrapServers(),
        "topic", "sizes", "properties", Map.of("max.request.size", 4_096)));
    List<OutputRecord> batch = List.of(record(1, "small"), record(2, "x".repeat(8_000)), record(3, "small"));
    output.start();
    try {
      WriteResult first = output.write(batch);
      assertThat(first.outcome()).isEqualTo(WriteResult.Outcome.REJECTED);
      assertThat(first.delivered()).isEqualTo(1);
      assertThat(first.error()).startsWith("Kafka did not take record e2 of stream frames: RecordTooLargeException: ");
      assertThat(output.write(batch.subList(2, 3))).isEqualTo(WriteResult.allDelivered(1));
    } finally {
      output.stop();
    }
    assertThat(read("sizes", 2)).extracting(TopicReader.Read::sourceSeq).containsExactly(1L, 3L);
  }

  private static OutputRecord record(long seq, String payload) {
    CaptureEvent event = SampleEvents.frame(seq, "conn-1", payload);
    JsonNode value = EventJson.mapper().valueToTree(event);
    return new OutputRecord("frames", seq, event.id(), "conn-1", value);
  }

  private static List<TopicReader.Read> read(String topic, int expected) {
    return TopicReader.readAll(kafka, List.of(topic), expected, QUIET, READ_TIMEOUT);
  }

  private static List<Long> seqs(long from, long to, java.util.function.LongPredicate which) {
    return LongStream.rangeClosed(from, to).filter(which).boxed().toList();
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
