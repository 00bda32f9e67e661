package io.datasipper.output.kafka;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputFactory;
import io.datasipper.api.output.RecordTemplate;
import io.datasipper.api.output.SettingSpec;
import io.datasipper.api.output.SettingSpec.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code type: kafka}: each record to a Kafka topic, acknowledged by the broker before it counts as
 * delivered.
 *
 * <pre>
 * bootstrap_servers: 127.0.0.1:9092        # required; a list or comma-separated
 * topic: datasipper.${stream}              # default; fixed, or with ${stream}, ${type}, ${key},
 *                                          # ${event_id}, ${seq}, ${value.a.b}
 * key: value.connection_id                 # a field or a template; default: the connection or request id
 * partition: 0                             # optional: every record to this partition
 * compression: none                        # none, gzip, snappy, lz4, zstd
 * batch_size: 262144                       # bytes per partition batch
 * linger_ms: 5
 * acks: all                                # all (idempotent producer) or 1
 * properties:                              # any other producer setting: security, timeouts, ...
 *   security.protocol: SASL_SSL
 * </pre>
 *
 * A record whose topic or key names a field it lacks, or whose topic comes out invalid, is refused
 * and goes to the dead letters; so do records Kafka refuses for good (too large). Everything else
 * that fails (broker down, timeouts) is retried by the pipeline.
 */
public final class KafkaOutputFactory implements OutputFactory {
  static final String DEFAULT_TOPIC = "datasipper.${stream}";
  private static final SettingSpec TOPIC = SettingSpec.optional("topic", Kind.STRING, DEFAULT_TOPIC,
      "Fixed, or a template with ${stream}, ${type}, ${key}, ${event_id}, ${seq}, ${value.a.b}");
  private static final SettingSpec KEY = SettingSpec.optional("key", Kind.STRING, null,
      "A field (value.connection_id) or a template; default: the connection or request id");
  /** No default: Kafka's partitioner picks the partition by the key. */
  private static final SettingSpec PARTITION =
      SettingSpec.whole("partition", null, 0, Integer.MAX_VALUE, "Every record to this partition");
  private static final SettingSpec HEADERS =
      SettingSpec.optional("headers", Kind.MAP, null, "Headers every record carries, name to template");
  static final List<SettingSpec> SETTINGS = List.of(ProducerSettings.BOOTSTRAP_SERVERS, TOPIC, KEY, PARTITION,
      ProducerSettings.COMPRESSION, ProducerSettings.BATCH_SIZE, ProducerSettings.LINGER_MS, ProducerSettings.ACKS_SETTING,
      HEADERS, ProducerSettings.PROPERTIES);
  static final List<String> KEYS = SettingSpec.names(SETTINGS);
  /** The headers every record carries; the config may add others, not replace these. */
  static final String BUILT_IN_HEADER_PREFIX = "datasipper-";

  /**
   * A write waits for the broker to acknowledge all its records; with 500 (the pipeline's default)
   * the producer sat idle between writes and the pipeline reached about half the raw producer's rate.
   */
  static final int MAX_RECORDS_PER_WRITE = 5_000;
  static final int MAX_WRITES_IN_FLIGHT = 2;

  @Override
  public String type() {
    return "kafka";
  }

  @Override
  public int maxRecordsPerWrite() {
    return MAX_RECORDS_PER_WRITE;
  }

  /**
   * Two writes at a time: the producer sends the next while the broker acknowledges the last, and
   * the records waiting in the producer stay far below its default 32 MB buffer.
   */
  @Override
  public int maxWritesInFlight() {
    return MAX_WRITES_IN_FLIGHT;
  }

  @Override
  public List<SettingSpec> settings() {
    return SETTINGS;
  }

  @Override
  public Output create(String name, Map<String, Object> settings) throws OutputConfigException {
    Settings s = new Settings(settings, KEYS);
    Map<String, Object> producer = ProducerSettings.from(name, s);
    RecordMapper mapper = new RecordMapper(topic(s), key(s), s.optionalWhole(PARTITION),
        headers(s));
    return new KafkaOutput(producer, mapper);
  }

  private static RecordTemplate topic(Settings s) throws OutputConfigException {
    RecordTemplate topic = RecordTemplate.parse("topic", s.string(TOPIC));
    if (topic.isFixed()) {
      String problem = TopicNames.problem(topic.toString());
      if (problem != null) {
        throw new OutputConfigException("topic", "topic: " + problem);
      }
    }
    for (String literal : topic.literals()) {
      if (!TopicNames.hasOnlyLegalChars(literal)) {
        throw new OutputConfigException("topic", "topic: \"" + literal + "\" in " + topic
            + " has characters a topic name cannot have; only ASCII letters, digits, '.', '_' and '-' are allowed");
      }
    }
    return topic;
  }

  private static Map<String, RecordTemplate> headers(Settings s) throws OutputConfigException {
    Map<String, String> given = s.stringMap(HEADERS.name());
    if (given == null) {
      return Map.of();
    }
    Map<String, RecordTemplate> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : given.entrySet()) {
      String key = "headers." + h.getKey();
      if (h.getKey().toLowerCase(java.util.Locale.ROOT).startsWith(BUILT_IN_HEADER_PREFIX)) {
        throw new OutputConfigException(key, key + ": names starting with " + BUILT_IN_HEADER_PREFIX
            + " are DataSipper's own headers, which every record carries already");
      }
      headers.put(h.getKey(), RecordTemplate.parse(key, h.getValue()));
    }
    return headers;
  }

  /** A bare field ({@code value.connection_id}) is short for {@code ${value.connection_id}}. */
  private static RecordTemplate key(Settings s) throws OutputConfigException {
    String key = s.string(KEY);
    if (key == null) {
      return null;
    }
    return RecordTemplate.parse("key", key.contains("${") ? key : "${" + key + "}");
  }
}
