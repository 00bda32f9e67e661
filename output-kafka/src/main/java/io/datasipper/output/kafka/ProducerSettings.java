package io.datasipper.output.kafka;

import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.SettingSpec;
import io.datasipper.api.output.SettingSpec.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The producer's configuration, made from the output's settings and checked at load.
 *
 * <p>Timeouts: Kafka's defaults let a send wait 60 s for metadata and keep a record up to 120 s
 * before giving up, so with a broker down a write would hang for minutes and the pipeline could
 * neither report the output failing nor stop promptly. Retrying is the pipeline's job (with backoff
 * and jitter, from the first unacknowledged record on), so the producer is told to give up fast:
 * {@value #REQUEST_TIMEOUT_MS} ms per request, {@value #DELIVERY_TIMEOUT_MS} ms per record in all
 * (at least linger + request timeout, as Kafka requires), {@value #MAX_BLOCK_MS} ms waiting for
 * metadata or buffer space. A stopped broker thus turns a write into a retry within about 5 s (10 s
 * if the metadata wait and the delivery timeout both run out). Each may be overridden in
 * {@code properties}.
 */
final class ProducerSettings {
  static final int REQUEST_TIMEOUT_MS = 3_000;
  static final int DELIVERY_TIMEOUT_MS = 5_000;
  static final int MAX_BLOCK_MS = 5_000;
  /**
   * Bytes per partition batch. The output sends a write's records in a burst and then waits for
   * their acknowledgements. With 64 KB batches that made the producer's network thread go round its
   * loop two to three times as often as under a send loop that keeps the buffer full, using 1.5 to 2
   * times its CPU, and the output's writes ran at 84-96% of that loop's rate (medians of a run;
   * 72-78% while the broker was fast). With 256 KB both go round equally often and the output keeps
   * pace with the loop ({@code bench/outputs} shows both sizes). The producer's 32 MB buffer still
   * holds a batch for each of 128 partitions at once; with more partitions in use, batches go out
   * smaller, not later.
   */
  static final int DEFAULT_BATCH_BYTES = 256 * 1024;
  static final List<String> COMPRESSIONS = List.of("none", "gzip", "snappy", "lz4", "zstd");
  static final List<String> ACKS = List.of("all", "-1", "1");
  static final SettingSpec BOOTSTRAP_SERVERS =
      SettingSpec.required("bootstrap_servers", Kind.LIST, "The brokers, host:port, e.g. 127.0.0.1:9092");
  static final SettingSpec COMPRESSION =
      SettingSpec.choice("compression", COMPRESSIONS, "none", "How the producer compresses batches");
  static final SettingSpec BATCH_SIZE =
      SettingSpec.whole("batch_size", (long) DEFAULT_BATCH_BYTES, 1, Integer.MAX_VALUE, "Bytes per partition batch");
  static final SettingSpec LINGER_MS =
      SettingSpec.whole("linger_ms", 5L, 0, 60_000, "How long a batch waits for more records, in milliseconds");
  static final SettingSpec ACKS_SETTING = SettingSpec.choice("acks", ACKS, "all",
      "all (or -1): every in-sync replica, with the idempotent producer; 1: the leader only");
  static final SettingSpec PROPERTIES = SettingSpec.optional("properties", Kind.MAP, null,
      "Any other producer setting, e.g. security.protocol: SASL_SSL");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[^\\s:\\[\\]]+):(\\d{1,5})");

  /** Producer keys that the output's own settings set, and which settings set them. */
  private static final Map<String, String> OWNED = Map.of(
      ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "bootstrap_servers",
      ProducerConfig.COMPRESSION_TYPE_CONFIG, "compression",
      ProducerConfig.BATCH_SIZE_CONFIG, "batch_size",
      ProducerConfig.LINGER_MS_CONFIG, "linger_ms",
      ProducerConfig.ACKS_CONFIG, "acks",
      ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "nothing: the output sends bytes",
      ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "nothing: the output sends the value's JSON");

  private ProducerSettings() {}

  static Map<String, Object> from(String outputName, Settings s) throws OutputConfigException {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers(s)));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "datasipper-" + outputName);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, s.oneOf(COMPRESSION.name(), (String) COMPRESSION.defaultValue(), COMPRESSION.choices()));
    config.put(ProducerConfig.BATCH_SIZE_CONFIG,
        (int) s.whole(BATCH_SIZE));
    long lingerMs = s.whole(LINGER_MS);
    config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    String acks = acks(s);
    config.put(ProducerConfig.ACKS_CONFIG, acks);
    // Idempotence keeps a key's records in order and unduplicated across the producer's own
    // retries; Kafka allows it only with acks=all.
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, acks.equals("all"));
    config.putAll(passThrough(s));
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
    long requestTimeoutMs = Long.parseLong(config.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG).toString());
    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int) Math.min(Integer.MAX_VALUE, Math.max(DELIVERY_TIMEOUT_MS, lingerMs + requestTimeoutMs)));
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    checkTogether(config, acks);
    try {
      ProducerConfig.configDef().parse(config); // what KafkaProducer will check when the output starts
    } catch (ConfigException e) {
      throw new OutputConfigException("properties", "the producer settings are inconsistent: " + e.getMessage());
    }
    return config;
  }

  private static List<String> bootstrapServers(Settings s) throws OutputConfigException {
    List<String> servers = s.list(BOOTSTRAP_SERVERS.name());
    if (servers.isEmpty()) {
      throw OutputConfigException.at("bootstrap_servers", "missing; expected the brokers to connect to, e.g. 127.0.0.1:9092");
    }
    for (String server : servers) {
      var m = HOST_PORT.matcher(server);
      if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65_535) {
        throw new OutputConfigException("bootstrap_servers",
            "bootstrap_servers must list host:port pairs (port 1-65535), was " + server);
      }
    }
    return servers;
  }

  private static String acks(Settings s) throws OutputConfigException {
    String acks = s.scalar(ACKS_SETTING.name(), (String) ACKS_SETTING.defaultValue());
    if (acks.equals("0")) {
      throw new OutputConfigException("acks",
          "acks: 0 never hears back from the broker, so delivery could not be confirmed; use all (default) or 1");
    }
    if (!ACKS.contains(acks)) {
      throw new OutputConfigException("acks", "acks must be all or 1, was " + acks);
    }
    return acks.equals("-1") ? "all" : acks;
  }

  /** {@code properties}: any other producer setting (security, timeouts, ...), checked like Kafka would. */
  private static Map<String, Object> passThrough(Settings s) throws OutputConfigException {
    ConfigDef def = ProducerConfig.configDef();
    Map<String, Object> out = new HashMap<>();
    for (Map.Entry<String, String> e : s.scalarMap(PROPERTIES.name()).entrySet()) {
      String name = e.getKey();
      String key = "properties." + name;
      if (OWNED.containsKey(name)) {
        throw new OutputConfigException(key, key + " is not allowed here; set it with " + OWNED.get(name));
      }
      ConfigDef.ConfigKey spec = def.configKeys().get(name);
      if (spec == null) {
        throw new OutputConfigException(key, key + " is not a Kafka producer setting");
      }
      try {
        Object value = ConfigDef.parseType(name, e.getValue(), spec.type);
        if (spec.validator != null) {
          spec.validator.ensureValid(name, value);
        }
      } catch (ConfigException bad) {
        throw new OutputConfigException(key, key + ": " + bad.getMessage());
      }
      out.put(name, e.getValue());
    }
    return out;
  }

  private static void checkTogether(Map<String, Object> config, String acks) throws OutputConfigException {
    if (!acks.equals("all") && Boolean.parseBoolean(config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG).toString())) {
      throw new OutputConfigException("properties.enable.idempotence",
          "properties.enable.idempotence: true needs acks: all, and acks is " + acks);
    }
    long delivery = Long.parseLong(config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG).toString());
    long needed = Long.parseLong(config.get(ProducerConfig.LINGER_MS_CONFIG).toString())
        + Long.parseLong(config.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG).toString());
    if (delivery < needed) {
      throw new OutputConfigException("properties.delivery.timeout.ms", "properties.delivery.timeout.ms must be at least"
          + " linger_ms + request.timeout.ms = " + needed + ", was " + delivery);
    }
  }
}
