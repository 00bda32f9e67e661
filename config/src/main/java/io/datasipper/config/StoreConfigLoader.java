package io.datasipper.config;

import io.datasipper.api.config.ConfigValue;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reads the store section of a YAML config file into a {@link StoreConfig}:
 *
 * <pre>
 * store:
 *   ring_buffer: {max_events: 10000, max_bytes: 64MiB}
 *   write_queue: {max_bytes: 100MiB}
 * </pre>
 *
 * Every key is optional. Each size must leave room in the JVM's heap: one that could take more
 * than half of it is refused at start rather than found out as an out-of-memory error later.
 */
final class StoreConfigLoader {
  static final int MAX_RING_EVENTS = 10_000_000;

  private static final List<String> STORE_KEYS = List.of("ring_buffer", "write_queue");
  private static final List<String> RING_KEYS = List.of("max_events", "max_bytes");
  private static final List<String> QUEUE_KEYS = List.of("max_bytes");

  private StoreConfigLoader() {}

  /**
   * The store settings of a {@code store} section; null gives the defaults.
   *
   * @throws ConfigException (usage) naming the file, the key, the bad value and what is allowed
   */
  static StoreConfig store(ConfigValue node, LongSupplier maxHeapBytes) {
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
    return new StoreConfig(ringEvents, ringBytes, queueBytes);
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
