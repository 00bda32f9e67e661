package io.datasipper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.api.config.ConfigValue;
import io.datasipper.store.RetentionSettings;
import io.datasipper.store.RetentionSettings.WhenFull;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    RingBuffer ring = store.newRingBuffer();
    assertThat(ring.maxEvents()).isEqualTo(10_000);
    assertThat(ring.maxBytes()).isEqualTo(64 * MIB);
    assertThat(store.writerSettings().maxQueuedBytes()).isEqualTo(100 * MIB);
  }

  @Test
  void readsTheBoundsOfTheRingAndTheWriteQueue() throws IOException {
    StoreConfig store = load("store: {ring_buffer: {max_events: 500, max_bytes: 16MiB}, write_queue: {max_bytes: 32MiB}}\n");
    assertThat(store).isEqualTo(new StoreConfig(500, 16 * MIB, 32 * MIB, RetentionSettings.defaults()));
    assertThat(store.newRingBuffer().maxBytes()).isEqualTo(16 * MIB);
    assertThat(store.writerSettings().maxQueuedBytes()).isEqualTo(32 * MIB);
  }

  @Test
  void leftOutKeysKeepTheDefaults() throws IOException {
    assertThat(load("store: {ring_buffer: {max_bytes: 8MiB}}\n"))
        .isEqualTo(new StoreConfig(10_000, 8 * MIB, 100 * MIB, RetentionSettings.defaults()));
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
    assertRejected("store: {ring: {}}\n", "store.ring: unknown key; allowed under store: ring_buffer, write_queue,"
        + " retention, max_size, when_full, dead_letters, chromium_log, encryption");
    assertRejected("store: {ring_buffer: {capacity: 5}}\n",
        "store.ring_buffer.capacity: unknown key; allowed under store.ring_buffer: max_events, max_bytes");
  }

  @Test
  void withoutRetentionSettingsEventsAreKeptSevenDaysAndUpTo500MiBDroppingTheOldest() throws IOException {
    RetentionSettings r = load("store: {ring_buffer: {max_events: 500}}\n").retention();
    assertThat(r.maxAge()).isEqualTo(Duration.ofDays(7));
    assertThat(r.maxBytes()).isEqualTo(500 * MIB);
    assertThat(r.whenFull()).isEqualTo(WhenFull.DROP_OLDEST);
    assertThat(r.deadLettersMaxAge()).isEqualTo(Duration.ofDays(30));
    assertThat(r.deadLettersMaxCount()).isEqualTo(100_000);
    assertThat(r.chromiumLogMaxBytes()).isEqualTo(10 * MIB);
  }

  @Test
  void readsTheRetentionTheCapThePolicyAndTheLimitsOfDeadLettersAndTheBrowserLog() throws IOException {
    RetentionSettings r = load("store: {retention: 36h, max_size: 2GiB, when_full: pause_capture,"
        + " dead_letters: {retention: 90m, max_count: 50}, chromium_log: {max_size: 1MiB}}\n").retention();
    assertThat(r).isEqualTo(new RetentionSettings(Duration.ofHours(36), 2048 * MIB, WhenFull.PAUSE_CAPTURE,
        Duration.ofMinutes(90), 50, MIB));
  }

  @Test
  void zeroTurnsEachLimitOff() throws IOException {
    RetentionSettings r = load("store: {retention: 0, max_size: 0, dead_letters: {retention: 0, max_count: 0},"
        + " chromium_log: {max_size: 0}}\n").retention();
    assertThat(r).isEqualTo(RetentionSettings.off());
  }

  @Test
  void theReadmesRetentionExampleLoadsAndIsTheDefaults() throws IOException {
    Matcher block = Pattern.compile("```yaml\\n(store:\\n  retention:.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("../README.md")));
    assertThat(block.find()).as("the README shows the retention settings").isTrue();
    assertThat(load(block.group(1)).retention()).isEqualTo(RetentionSettings.defaults());
  }

  @Test
  void rejectsBadRetentionSettingsNamingTheKeyAndValue() {
    String duration = "expected 0 (off) or a whole number with s, m, h or d such as 7d or 12h";
    assertRejected("store: {retention: 7 days}\n", "store.retention: \"7 days\" is not a duration; " + duration);
    assertRejected("store: {retention: 7}\n", "store.retention: 7 is not a duration; " + duration);
    assertRejected("store: {retention: -1d}\n", "store.retention: \"-1d\" is not a duration; " + duration);
    assertRejected("store: {dead_letters: {retention: 1w}}\n",
        "store.dead_letters.retention: \"1w\" is not a duration; " + duration);
    assertRejected("store: {retention: 4000d}\n",
        "store.retention: \"4000d\" is too long; expected at most 3650d, or 0 to keep everything");
    assertRejected("store: {max_size: 500KiB}\n",
        "store.max_size: \"500KiB\" is too small; expected 0 (no limit) or at least 1 MiB");
    assertRejected("store: {max_size: 500M}\n", "store.max_size: \"500M\" is not a size; expected a size from 0 B"
        + " to 9223372036854775807 B: a whole number of bytes or one with B, KiB, MiB, GiB or TiB such as 512KiB or 1MiB (or kB, MB, GB, TB, in thousands)");
    assertRejected("store: {when_full: block}\n",
        "store.when_full: \"block\" is not a policy; expected one of drop_oldest, pause_capture");
    assertRejected("store: {dead_letters: {max_count: -5}}\n",
        "store.dead_letters.max_count: -5 is out of range; expected a whole number from 0 to 2147483647");
    assertRejected("store: {chromium_log: {keep: 2}}\n",
        "store.chromium_log.keep: unknown key; allowed under store.chromium_log: max_size");
  }

  private StoreConfig load(String yaml) throws IOException {
    return ConfigLoader.load(write(yaml)).store();
  }

  @Test
  void readsTheStoreKeyFromAKeyFileBesideTheConfigAndNamesAMissingOrMalformedOne() throws Exception {
    StoreKey key = StoreKey.generate();
    key.writeNew(dir.resolve("store.key"));
    assertThat(load("store: {encryption: {key_file: store.key}}\n").key()).isEqualTo(key);
    assertThat(load("store: {retention: 7d}\n").key()).isNull();

    assertThatThrownBy(() -> load("store: {encryption: {key_file: missing.key}}\n")).isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(".yaml: store.encryption.key_file: the store key file " + dir.resolve("missing.key")
            + " does not exist; make one with `datasipper store keygen " + dir.resolve("missing.key") + "`");
    Files.writeString(dir.resolve("bad.key"), "not a key\n");
    assertThatThrownBy(() -> load("store: {encryption: {key_file: bad.key}}\n")).isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(".yaml: store.encryption.key_file: the store key file " + dir.resolve("bad.key")
            + " is not base64; expected the 44 characters `datasipper store keygen` writes");
    assertThatThrownBy(() -> load("store: {encryption: {}}\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("store.encryption: sets no key_file");
  }

  /** What {@code events} and the other commands that run no streams read of a data directory's config. */
  @Test
  void theStoreKeyAloneIsReadWithoutTheRestOfTheFile() throws Exception {
    StoreKey key = StoreKey.generate();
    key.writeNew(dir.resolve("store.key"));
    String brokenStream = """
        streams:
          - name: broken
            conditions: [{field: type, operator: equals, value: http}]
            transform: 'function transform(e) { return e.'
            outputs: [nowhere]
        """;

    assertThatThrownBy(() -> ConfigLoader.load(write(brokenStream))).as("the whole file is no config")
        .isInstanceOf(ConfigException.class);
    assertThat(ConfigLoader.storeKey(write("store: {encryption: {key_file: store.key}}\n" + brokenStream)))
        .isEqualTo(key);
    assertThat(ConfigLoader.storeKey(write("store: {retention: 7d}\n" + brokenStream))).isNull();
    assertThat(ConfigLoader.storeKey(write(brokenStream))).isNull();
    assertThatThrownBy(() -> ConfigLoader.storeKey(write("store: {encryption: {key_file: missing.key}}\n")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(".yaml: store.encryption.key_file: the store key file");
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
