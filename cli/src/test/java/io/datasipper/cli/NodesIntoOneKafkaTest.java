package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.kafka.broker.EmbeddedKafka;
import io.datasipper.store.EventQuery;
import io.datasipper.store.EventStore;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many capture machines, one Kafka: two captures, each with its own data directory and node name,
 * publish to one broker, and a consumer tells their records apart by the datasipper-node header and
 * the events' source.node, and finds every event of both.
 */
class NodesIntoOneKafkaTest {
  private static final String TOPIC = "captures";
  private static final int REQUESTS = 5;

  @TempDir Path dir;

  @Test
  void twoCapturesPublishToOneBrokerAndAConsumerReadsBothComplete() throws Exception {
    Javalin site = Javalin.create(cfg -> {
      cfg.routes.get("/", ctx -> ctx.html("<script>for (let i = 1; i <= " + REQUESTS
          + "; i++) fetch('/api/item/' + i);</script>"));
      cfg.routes.get("/api/item/{n}", ctx -> ctx.json(Map.of("n", ctx.pathParam("n"))));
    }).start("127.0.0.1", 0);
    try (EmbeddedKafka kafka = EmbeddedKafka.startIn(dir.resolve("kafka"))) {
      String url = "http://127.0.0.1:" + site.port() + "/";
      List<Process> captures = new ArrayList<>();
      for (String node : List.of("alpha", "beta")) {
        Path data = Files.createDirectories(dir.resolve(node), PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------")));
        Files.writeString(data.resolve("datasipper.yaml"), """
            streams:
              - name: all
                conditions: [{field: type, operator: exists}]
                outputs: [kafka]
            outputs:
              kafka: {type: kafka, bootstrap_servers: "%s", topic: %s}
            """.formatted(kafka.bootstrapServers(), TOPIC));
        captures.add(CliProcess.sip(List.of(url, "--data-dir", data.toString(), "--node", node, "--for", "8s",
            "--no-ui")).redirectErrorStream(true).redirectOutput(dir.resolve(node + ".log").toFile()).start());
      }
      for (Process capture : captures) {
        assertThat(capture.waitFor(120, TimeUnit.SECONDS)).isTrue();
      }
      for (String node : List.of("alpha", "beta")) {
        assertThat(captures.get(node.equals("alpha") ? 0 : 1).exitValue())
            .as(Files.readString(dir.resolve(node + ".log"))).isZero();
      }

      Map<String, List<String>> storedIds = new TreeMap<>();
      for (String node : List.of("alpha", "beta")) {
        try (EventStore store = EventStore.open(dir.resolve(node))) {
          List<CaptureEvent> events = store.query(EventQuery.all());
          assertThat(events).as(node).allSatisfy(e -> assertThat(e.source().node()).isEqualTo(node));
          assertThat(events).filteredOn(HttpEvent.class::isInstance).as(node).hasSizeGreaterThan(REQUESTS);
          storedIds.put(node, events.stream().map(CaptureEvent::id).sorted().toList());
        }
      }
      int total = storedIds.values().stream().mapToInt(List::size).sum();

      Map<String, List<String>> readIds = new TreeMap<>();
      for (ConsumerRecord<byte[], byte[]> r : readAll(kafka.bootstrapServers(), total)) {
        String node = header(r, "datasipper-node");
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"node\":\"" + node + "\"");
        readIds.computeIfAbsent(node, k -> new ArrayList<>()).add(header(r, "datasipper-event-id"));
      }
      readIds.values().forEach(ids -> ids.sort(null));
      assertThat(readIds).as("every stored event of each node, once").isEqualTo(storedIds);
    } finally {
      site.stop();
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    assertThat(h).as("header %s", name).isNotNull();
    return new String(h.value(), StandardCharsets.UTF_8);
  }

  /** Reads the topic from the start until {@code expected} records came, or 30 s passed. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String servers, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "nodes-test");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      // A little longer: a duplicate would show here.
      consumer.poll(Duration.ofMillis(1000)).forEach(records::add);
    }
    return records;
  }
}
