package io.datasipper.output.kafka;

import io.datasipper.kafka.broker.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads topics back from the start with a real consumer (no group: every partition assigned). */
final class TopicReader {
  private TopicReader() {}

  /** One record as read back. */
  record Read(String topic, int partition, long offset, String key, String value, Map<String, String> headers) {
    long sourceSeq() {
      return Long.parseLong(headers.get(RecordMapper.SOURCE_SEQ_HEADER));
    }
  }

  /**
   * Reads until {@code expected} records came or nothing new came for {@code quiet}, at most
   * {@code timeout} in all.
   */
  static List<Read> readAll(EmbeddedKafka kafka, Collection<String> topics, int expected, Duration quiet,
      Duration timeout) {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    List<Read> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer.partitionsFor(topic, Duration.ofSeconds(10))
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      long lastNew = System.nanoTime();
      while (out.size() < expected && System.nanoTime() < deadline && System.nanoTime() - lastNew < quiet.toNanos()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(read(r));
          lastNew = System.nanoTime();
        }
      }
    }
    return out;
  }

  private static Read read(ConsumerRecord<byte[], byte[]> r) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (Header h : r.headers()) {
      headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    return new Read(r.topic(), r.partition(), r.offset(), r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
        new String(r.value(), StandardCharsets.UTF_8), headers);
  }
}
