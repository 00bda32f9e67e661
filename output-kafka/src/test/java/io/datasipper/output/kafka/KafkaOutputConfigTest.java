package io.datasipper.output.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.api.output.OutputConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaOutputConfigTest {
  private final KafkaOutputFactory factory = new KafkaOutputFactory();

  @Test
  void bootstrapServersAreRequiredAndMustBeHostPortPairs() {
    assertRejected(Map.of(), "bootstrap_servers", "bootstrap_servers: missing; expected the brokers to connect to");
    assertRejected(Map.of("bootstrap_servers", "127.0.0.1"), "bootstrap_servers",
        "bootstrap_servers must list host:port pairs (port 1-65535), was 127.0.0.1");
    assertRejected(Map.of("bootstrap_servers", List.of("a:9092", "b:70000")), "bootstrap_servers", "was b:70000");
    assertRejected(Map.of("bootstrap_servers", 9092), "bootstrap_servers", "bootstrap_servers: expected a list of non-empty strings or one comma-separated string, got 9092");
  }

  @Test
  void unknownKeysAreRejected() {
    assertRejected(settings("topics", "x"), "topics", "topics: unknown key; allowed in this output: bootstrap_servers, topic, key");
  }

  @Test
  void aFixedTopicMustBeAValidTopicName() {
    assertRejected(settings("topic", "events/all"), "topic",
        "topic: \"events/all\" is not a valid topic name: only ASCII letters, digits, '.', '_' and '-' are allowed");
    assertRejected(settings("topic", "t".repeat(250)), "topic", "a topic name has at most 249 characters");
    assertRejected(settings("topic", ".."), "topic", "a topic cannot be named \"..\"");
    assertRejected(settings("topic", "événements"), "topic", "is not a valid topic name");
  }

  @Test
  void aTemplatedTopicIsCheckedForItsLiteralsAndFields() {
    assertRejected(settings("topic", "events/${stream}"), "topic",
        "\"events/\" in events/${stream} has characters a topic name cannot have");
    assertRejected(settings("topic", "x.${strem}"), "topic", "topic x.${strem} has an unknown placeholder ${strem};"
        + " known: stream, type, event_id, key, seq, value, value.<path>");
    assertRejected(settings("topic", "x.${stream"), "topic", "topic x.${stream has an unclosed ${ at character 3");
    assertRejected(settings("topic", "x.${}"), "topic", "topic x.${} has a ${} at character 3 that names no field");
    assertRejected(settings("topic", "x.${value..a}"), "topic", "${value..a} has an empty step in its path");
  }

  @Test
  void headersAreTemplatesUnderNamesOfTheirOwn() {
    assertRejected(settings("headers", Map.of("page", "${value.source.url")), "headers.page",
        "headers.page ${value.source.url has an unclosed ${ at character 1");
    assertRejected(settings("headers", Map.of("page", "${page}")), "headers.page", "unknown placeholder ${page}");
    assertRejected(settings("headers", Map.of("Datasipper-type", "${type}")), "headers.Datasipper-type",
        "names starting with datasipper- are DataSipper's own headers");
    assertRejected(settings("headers", Map.of("page", 7)), "headers.page", "headers.page: expected a string, got 7");
    assertRejected(settings("headers", "page"), "headers", "headers: expected a non-empty mapping of names to strings, got \"page\"");
  }

  @Test
  void keyIsAFieldOrATemplate() {
    assertRejected(settings("key", "connection"), "key", "key ${connection} has an unknown placeholder ${connection}");
    assertRejected(settings("key", "${stream}-${nope}"), "key", "unknown placeholder ${nope}");
  }

  @Test
  void numbersAndChoicesAreChecked() {
    assertRejected(settings("compression", "brotli"), "compression",
        "compression: expected one of none, gzip, snappy, lz4, zstd, got \"brotli\"");
    assertRejected(settings("batch_size", 0), "batch_size", "batch_size: 0 is out of range; expected a whole number from 1 to 2147483647");
    assertRejected(settings("batch_size", "64k"), "batch_size", "got \"64k\"");
    assertRejected(settings("linger_ms", 1.5), "linger_ms", "linger_ms: expected a whole number from 0 to 60000, got 1.5");
    assertRejected(settings("partition", -1), "partition", "partition: -1 is out of range; expected a whole number from 0");
    assertRejected(settings("acks", 0), "acks", "acks: 0 never hears back from the broker");
    assertRejected(settings("acks", "some"), "acks", "acks must be all or 1, was some");
  }

  @Test
  void propertiesPassKafkaSettingsThroughAndRefuseTheRest() {
    assertRejected(settings("properties", Map.of("bootstrap.servers", "x:1")), "properties.bootstrap.servers",
        "properties.bootstrap.servers is not allowed here; set it with bootstrap_servers");
    assertRejected(settings("properties", Map.of("linger.ms", 1)), "properties.linger.ms", "set it with linger_ms");
    assertRejected(settings("properties", Map.of("sasl.mechanisms", "PLAIN")), "properties.sasl.mechanisms",
        "properties.sasl.mechanisms is not a Kafka producer setting");
    assertRejected(settings("properties", Map.of("request.timeout.ms", "soon")), "properties.request.timeout.ms",
        "properties.request.timeout.ms: Invalid value soon for configuration request.timeout.ms");
    assertRejected(settings("properties", Map.of("security.protocol", "SSH")), "properties.security.protocol",
        "Invalid value SSH for configuration security.protocol");
    assertRejected(settings("properties", "security.protocol=SSL"), "properties", "properties: expected a mapping, got \"security.protocol=SSL\"");
    assertRejected(settings("acks", 1, "properties", Map.of("enable.idempotence", true)),
        "properties.enable.idempotence", "needs acks: all, and acks is 1");
    assertRejected(settings("properties", Map.of("delivery.timeout.ms", 1000)), "properties.delivery.timeout.ms",
        "must be at least linger_ms + request.timeout.ms = 3005, was 1000");
  }

  @Test
  void defaultsAreAnIdempotentAcksAllProducerThatGivesUpWithinSeconds() throws Exception {
    Map<String, Object> config = ProducerSettings.from("out", new Settings(settings(), List.of("bootstrap_servers")));
    assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none")
        .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 262_144)
        .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5L)
        .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000)
        .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000)
        .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000)
        .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "datasipper-out");
  }

  @Test
  void settingsReachTheProducerAndPropertiesOverrideTimeouts() throws Exception {
    Map<String, Object> s = settings("acks", 1, "compression", "zstd", "linger_ms", 20, "batch_size", 1024,
        "properties", Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN", "request.timeout.ms", 9000,
            "client.id", "mine"));
    Map<String, Object> config = ProducerSettings.from("out", new Settings(s, List.copyOf(s.keySet())));
    assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "1")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false)
        .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "9000")
        .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 9_020)
        .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "mine");
    assertThat(factory.create("out", s)).isInstanceOf(KafkaOutput.class);
  }

  private static Map<String, Object> settings(Object... keysAndValues) {
    Map<String, Object> s = new HashMap<>();
    s.put("bootstrap_servers", "127.0.0.1:9092");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      s.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return s;
  }

  private void assertRejected(Map<String, Object> settings, String key, String message) {
    assertThatThrownBy(() -> factory.create("out", settings)).isInstanceOf(OutputConfigException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((OutputConfigException) e).key()).isEqualTo(key));
  }
}
