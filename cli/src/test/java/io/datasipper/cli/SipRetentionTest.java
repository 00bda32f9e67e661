package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.capture.Chromium;
import io.datasipper.capture.testsite.TestSite;
import io.datasipper.store.EventQuery;
import io.datasipper.store.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture into a data directory holding events older than its retention: the sweep deletes
 * them while it captures, and {@code streams stats} tells how many an output lost undelivered.
 */
class SipRetentionTest {
  @TempDir Path dir;

  @Test
  void aCaptureDeletesEventsPastTheRetentionAndStreamsStatsCountsThoseAnOutputHadNotDelivered() throws Exception {
    Path dataDir = dir.resolve("data");
    FramesDataDir.storeFrames(dataDir, 10); // captured in 1970: long past any retention
    FramesDataDir.deliverTo(dataDir, dir.resolve("out/file.jsonl"));
    assertThat(CliRunner.run("deliver", "--data-dir", dataDir.toString()).exitCode()).isZero();
    FramesDataDir.storeFrames(dataDir, 25); // 11 to 25: never delivered to "file"
    // "file" is no longer configured: nothing keeps its undelivered events. "live" starts with
    // what is captured from now on.
    Files.writeString(dataDir.resolve("datasipper.yaml"), """
        store: {retention: 7d}
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [live]
        outputs:
          live: {type: file, path: %s}
        """.formatted(dir.resolve("out/live.jsonl")));

    try (TestSite site = new TestSite()) {
      List<String> args = new ArrayList<>(List.of("sip", site.url("/"), "--for", "5s", "--data-dir", dataDir.toString()));
      Chromium.HERMETIC_FLAGS.forEach(f -> args.add("--browser-arg=" + f));
      CliRunner sip = CliRunner.run(args.toArray(String[]::new));
      assertThat(sip.exitCode()).as(sip.err()).isZero();
    }

    try (EventStore store = EventStore.open(dataDir)) {
      assertThat(store.query(EventQuery.all().withLimit(1)).getFirst().seq()).as("the 1970 events are gone")
          .isGreaterThan(25);
    }
    assertThat(Files.readAllLines(dir.resolve("out/live.jsonl"))).isNotEmpty().noneMatch(l -> l.contains("\"e1"));
    CliRunner stats = CliRunner.run("streams", "stats", "--data-dir", dataDir.toString());
    assertThat(stats.out()).contains("output file: ").contains("deleted undelivered 15");
    assertThat(stats.out().lines().filter(l -> l.startsWith("output live: ")))
        .singleElement().asString().contains("deleted undelivered 0");
    CliRunner json = CliRunner.run("streams", "stats", "--data-dir", dataDir.toString(), "--json");
    assertThat(json.out()).contains("\"output\":\"file\"").contains("\"deleted_undelivered\":15");
  }
}
