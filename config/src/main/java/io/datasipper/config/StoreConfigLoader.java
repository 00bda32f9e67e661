package io.datasipper.config;

import io.datasipper.api.config.ConfigValue;
import io.datasipper.store.RetentionSettings;
import io.datasipper.store.RetentionSettings.WhenFull;
import io.datasipper.store.StoreException;
import io.datasipper.store.StoreKey;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the store section of a YAML config file into a {@link StoreConfig}:
 *
 * <pre>
 * store:
 *   ring_buffer: {max_events: 10000, max_bytes: 64MiB}
 *   write_queue: {max_bytes: 100MiB}
 *   retention: 7d                   # events older are deleted; 0: kept for ever
 *   max_size: 500MiB                # the store's most; 0: no limit
 *   when_full: drop_oldest          # or pause_capture
 *   dead_letters: {retention: 30d, max_count: 100000}
 *   chromium_log: {max_size: 10MiB}
 *   encryption: {key_file: store.key}  # encrypts a new store (datasipper store keygen FILE makes a key)
 * </pre>
 *
 * A relative key file is found from the config file's directory; it is read, and checked, with the config.
 *
 * Every key is optional. Each size held in memory must leave room in the JVM's heap: one that
 * could take more than half of it is refused at start rather than found out as an out-of-memory
 * error later.
 */
final class StoreConfigLoader {
  static final int MAX_RING_EVENTS = 10_000_000;

  private static final List<String> STORE_KEYS =
      List.of("ring_buffer", "write_queue", "retention", "max_size", "when_full", "dead_letters", "chromium_log",
          "encryption");
  private static final List<String> ENCRYPTION_KEYS = List.of("key_file");
  private static final List<String> RING_KEYS = List.of("max_events", "max_bytes");
  private static final List<String> QUEUE_KEYS = List.of("max_bytes");
  private static final List<String> DEAD_LETTER_KEYS = List.of("retention", "max_count");
  private static final List<String> LOG_KEYS = List.of("max_size");
  /** Below this a store could not hold one batch of large events: surely a unit left out. */
  private static final long MIN_STORE_BYTES = 1L << 20;
  private static final Pattern AGE = Pattern.compile("(\\d+)(s|m|h|d)");
  /** Ten years: longer would overflow when counted in nanoseconds, and is for ever anyway. */
  private static final long MAX_AGE_SECONDS = 3_650L * 86_400;

  private StoreConfigLoader() {}

  /**
   * The store settings of a {@code store} section; null gives the defaults.
   *
   * @throws ConfigException (usage) naming the file, the key, the bad value and what is allowed
   */
  static StoreConfig store(ConfigValue node, LongSupplier maxHeapBytes) {
    return store(node, maxHeapBytes, null);
  }

  /** As {@link #store(ConfigValue, LongSupplier)}, with a relative key file found from {@code baseDir}. */
  static StoreConfig store(ConfigValue node, LongSupplier maxHeapBytes, Path baseDir) {
    StoreConfig defaults = StoreConfig.defaults();
    if (node == null) {
      return defaults;
    }
    Map<String, ConfigValue> store = node.mapping(STORE_KEYS);
    Map<String, ConfigValue> ring = section(store.get("ring_buffer"), RING_KEYS);
    Map<String, ConfigValue> queue = section(store.get("write_queue"), QUEUE_KEYS);
    ConfigValue maxEvents = ring.get("max_events");
    int ringEvents = maxEvents == null ? defaults.ringMaxEvents() : (int) maxEvents.wholeNumber(1, MAX_RING_EVENTS);
    long ringBytes = size(ring.get("max_bytes"), defaults.ringMaxBytes(), maxHeapBytes);
    long queueBytes = size(queue.get("max_bytes"), defaults.writeQueueMaxBytes(), maxHeapBytes);
    return new StoreConfig(ringEvents, ringBytes, queueBytes, retention(store), key(store.get("encryption"), baseDir));
  }

  /** The key of {@code encryption.key_file}, read now so that a missing or malformed file stops the start. */
  static StoreKey key(ConfigValue encryption, Path baseDir) {
    ConfigValue file = section(encryption, ENCRYPTION_KEYS).get("key_file");
    if (file == null) {
      if (encryption != null) {
        throw encryption.error("sets no key_file; expected {key_file: PATH}, a file `datasipper store keygen PATH`"
            + " writes");
      }
      return null;
    }
    Path path = Path.of(file.nonBlankString());
    if (baseDir != null) {
      path = baseDir.resolve(path);
    }
    try {
      return StoreKey.read(path);
    } catch (StoreException e) {
      throw file.error(e.getMessage());
    }
  }

  private static RetentionSettings retention(Map<String, ConfigValue> store) {
    RetentionSettings d = RetentionSettings.defaults();
    Map<String, ConfigValue> letters = section(store.get("dead_letters"), DEAD_LETTER_KEYS);
    Map<String, ConfigValue> log = section(store.get("chromium_log"), LOG_KEYS);
    ConfigValue letterCount = letters.get("max_count");
    return new RetentionSettings(
        age(store.get("retention"), d.maxAge()),
        diskSize(store.get("max_size"), d.maxBytes(), MIN_STORE_BYTES),
        whenFull(store.get("when_full"), d.whenFull()),
        age(letters.get("retention"), d.deadLettersMaxAge()),
        letterCount == null ? d.deadLettersMaxCount() : letterCount.wholeNumber(0, Integer.MAX_VALUE),
        diskSize(log.get("max_size"), d.chromiumLogMaxBytes(), 1));
  }

  /** How long something is kept: {@code 7d}, {@code 12h}, {@code 30m}, {@code 90s}, or 0 for ever. */
  private static Duration age(ConfigValue node, Duration fallback) {
    if (node == null) {
      return fallback;
    }
    String expected = "0 (off) or a whole number with s, m, h or d such as 7d or 12h";
    BigInteger zero = ConfigValue.integral(node.value());
    if (zero != null && zero.signum() == 0) {
      return Duration.ZERO;
    }
    Matcher m = node.value() instanceof String text ? AGE.matcher(text.strip()) : null;
    if (m == null || !m.matches()) {
      throw node.error(node.shown() + " is not a duration; expected " + expected);
    }
    long unit = switch (m.group(2)) {
      case "s" -> 1;
      case "m" -> 60;
      case "h" -> 3_600;
      default -> 86_400;
    };
    BigInteger seconds = new BigInteger(m.group(1)).multiply(BigInteger.valueOf(unit));
    if (seconds.compareTo(BigInteger.valueOf(MAX_AGE_SECONDS)) > 0) {
      throw node.error(node.shown() + " is too long; expected at most 3650d, or 0 to keep everything");
    }
    return Duration.ofSeconds(seconds.longValueExact());
  }

  /** A size on disk: 0 (no limit) or at least {@code min} bytes. */
  private static long diskSize(ConfigValue node, long fallback, long min) {
    if (node == null) {
      return fallback;
    }
    long bytes = node.byteSize();
    if (bytes != 0 && bytes < min) {
      throw node.error(node.shown() + " is too small; expected 0 (no limit) or at least " + mibOrBytes(min));
    }
    return bytes;
  }

  private static WhenFull whenFull(ConfigValue node, WhenFull fallback) {
    if (node == null) {
      return fallback;
    }
    List<String> labels = Arrays.stream(WhenFull.values()).map(WhenFull::label).toList();
    if (node.value() instanceof String s && labels.contains(s)) {
      return WhenFull.valueOf(s.toUpperCase(Locale.ROOT));
    }
    throw node.error(node.shown() + " is not a policy; expected one of " + String.join(", ", labels));
  }

  private static String mibOrBytes(long bytes) {
    return bytes >= 1L << 20 ? mib(bytes) : bytes + " byte";
  }

  private static Map<String, ConfigValue> section(ConfigValue node, List<String> keys) {
    return node == null ? Map.of() : node.mapping(keys);
  }

  private static long size(ConfigValue node, long fallback, LongSupplier maxHeapBytes) {
    if (node == null) {
      return fallback;
    }
    long bytes = node.byteSize();
    if (bytes < 1) {
      throw node.error(node.shown() + " is too small; expected at least 1 byte, e.g. 64MiB");
    }
    long halfHeap = maxHeapBytes.getAsLong() / 2;
    if (bytes > halfHeap) {
      throw node.error(node.shown() + " is more than half of the JVM's maximum heap (" + mib(halfHeap * 2)
          + "); lower it, or raise the heap with JAVA_OPTS=-Xmx...");
    }
    return bytes;
  }

  private static String mib(long bytes) {
    return (bytes >> 20) + " MiB";
  }
}
