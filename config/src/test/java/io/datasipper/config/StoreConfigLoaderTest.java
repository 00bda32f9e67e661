package io.datasipper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.api.config.ConfigValue;
import io.datasipper.store.RingBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreConfigLoaderTest {
  private static final long MIB = 1024 * 1024;
  private static final long HEAP = 1024 * MIB;

  @TempDir Path dir;

  @Test
  void withoutAStoreSectionTheRingHoldsTenThousandEventsOr64MiB() throws IOException {
    StoreConfig store = ConfigLoader.load(write("capture: {}\n")).store();
    assertThat(store).isEqualTo(StoreConfig.defaults());
    RingBuffer ring = store.ringBuffer();
    assertThat(ring.maxEvents()).isEqualTo(10_000);
    assertThat(ring.maxBytes()).isEqualTo(64 * MIB);
    assertThat(store.writerSettings().maxQueuedBytes()).isEqualTo(100 * MIB);
  }

  @Test
  void readsTheBoundsOfTheRingAndTheWriteQueue() throws IOException {
    StoreConfig store = load("store: {ring_buffer: {max_events: 500, max_bytes: 16MiB}, write_queue: {max_bytes: 32MiB}}\n");
    assertThat(store).isEqualTo(new StoreConfig(500, 16 * MIB, 32 * MIB));
    assertThat(store.ringBuffer().maxBytes()).isEqualTo(16 * MIB);
    assertThat(store.writerSettings().maxQueuedBytes()).isEqualTo(32 * MIB);
  }

  @Test
  void leftOutKeysKeepTheDefaults() throws IOException {
    assertThat(load("store: {ring_buffer: {max_bytes: 8MiB}}\n"))
        .isEqualTo(new StoreConfig(10_000, 8 * MIB, 100 * MIB));
  }

  @Test
  void rejectsCountsOutOfRangeOrNotWhole() {
    String range = "expected a whole number from 1 to 10000000";
    assertRejected("store: {ring_buffer: {max_events: 0}}\n", "store.ring_buffer.max_events: 0 is out of range; " + range);
    assertRejected("store: {ring_buffer: {max_events: 99999999999999999999}}\n",
        "store.ring_buffer.max_events: 99999999999999999999 is out of range; " + range);
    assertRejected("store: {ring_buffer: {max_events: 1.5}}\n", "store.ring_buffer.max_events: " + range + ", got 1.5");
    assertRejected("store: {ring_buffer: {max_events: many}}\n",
        "store.ring_buffer.max_events: " + range + ", got \"many\"");
  }

  @Test
  void rejectsAZeroSize() {
    assertRejected("store: {write_queue: {max_bytes: 0}}\n",
        "store.write_queue.max_bytes: 0 is too small; expected at least 1 byte, e.g. 64MiB");
  }

  @Test
  void rejectsASizeThatCouldTakeMoreThanHalfTheHeap() {
    assertRejected("store: {ring_buffer: {max_bytes: 513MiB}}\n",
        "store.ring_buffer.max_bytes: \"513MiB\" is more than half of the JVM's maximum heap (1024 MiB); lower it, "
            + "or raise the heap with JAVA_OPTS=-Xmx...");
    assertThat(store("store: {ring_buffer: {max_bytes: 512MiB}}\n").ringMaxBytes()).isEqualTo(512 * MIB);
  }

  @Test
  void rejectsUnknownKeys() {
    assertRejected("store: {ring: {}}\n", "store.ring: unknown key; allowed under store: ring_buffer, write_queue");
    assertRejected("store: {ring_buffer: {capacity: 5}}\n",
        "store.ring_buffer.capacity: unknown key; allowed under store.ring_buffer: max_events, max_bytes");
  }

  private StoreConfig load(String yaml) throws IOException {
    return ConfigLoader.load(write(yaml)).store();
  }

  /** With a heap of 1 GiB, whatever this JVM's is. */
  private StoreConfig store(String yaml) {
    try {
      ConfigValue root = YamlFile.read(write(yaml));
      return StoreConfigLoader.store(root.mapping(List.of("store")).get("store"), () -> HEAP);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private void assertRejected(String yaml, String problem) {
    assertThatThrownBy(() -> store(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(dir.toString()).hasMessageEndingWith(".yaml: " + problem);
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "store", ".yaml"), yaml);
  }
}
