package io.datasipper.output.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.kafka.broker.EmbeddedKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
  @TempDir Path dir;

  @Test
  void aRestartedBrokerKeepsItsAddressTopicsAndRecords() throws Exception {
    long t0 = System.nanoTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.startIn(dir)) {
      long started = System.nanoTime();
      assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
      kafka.createTopic("kept", 2);
      send(kafka, "before");
      String address = kafka.bootstrapServers();
      kafka.stop();
      long stopped = System.nanoTime();
      assertThat(kafka.isRunning()).isFalse();
      kafka.start();
      long restarted = System.nanoTime();
      System.out.printf("embedded broker: start %d ms, stop %d ms, restart %d ms%n", (started - t0) / 1_000_000,
          (stopped - started) / 1_000_000, (restarted - stopped) / 1_000_000);
      assertThat(kafka.bootstrapServers()).isEqualTo(address);
      send(kafka, "after");
      assertThat(TopicReader.readAll(kafka, List.of("kept"), 2, java.time.Duration.ofSeconds(3),
          java.time.Duration.ofSeconds(30))).extracting(TopicReader.Read::value).containsExactlyInAnyOrder("before", "after");
    }
  }

  @Test
  void aNewBrokerOnAFolderUsedBeforeServesItsRecords() throws Exception {
    int port;
    try (EmbeddedKafka first = EmbeddedKafka.startIn(dir)) {
      first.createTopic("kept", 1);
      send(first, "from the first run");
      port = first.port();
    }
    try (EmbeddedKafka second = new EmbeddedKafka(dir, port, Map.of())) {
      second.start();
      assertThat(TopicReader.readAll(second, List.of("kept"), 1, java.time.Duration.ofSeconds(3),
          java.time.Duration.ofSeconds(30))).extracting(TopicReader.Read::value).containsExactly("from the first run");
    }
  }

  private static void send(EmbeddedKafka kafka, String value) throws Exception {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.send(new ProducerRecord<>("kept", value)).get();
    }
  }
}
