package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streams stats}: the figures a delivery saved in the store, as a user reads them. */
class StreamsStatsTest {
  @TempDir Path dir;

  @Test
  void anOutputReadingTheStoreOnItsOwnIsSaidToBeCatchingUpAndOneReadWithItsStreamIsNotUnderWhenTheyWereSaved()
      throws Exception {
    Path dataDir = dir.resolve("data");
    FramesDataDir.storeFrames(dataDir, 30);
    try (EventStore store = EventStore.open(dataDir)) {
      // As a delivery saves them (every second) while its webhook is down and the file beside it goes on.
      new DeliveryLedger(store).saveStats(Map.of(
          "output:hook", """
              {"output":"hook","health":"failing","catching_up":true,"delivered":0,"pending_events":30,\
              "last_error":"HTTP 503"}""",
          "output:file", """
              {"output":"file","health":"ok","catching_up":false,"delivered":30,"pending_events":0,"last_error":null}"""));
    }
    CliRunner stats = CliRunner.run("streams", "stats", "--data-dir", dataDir.toString());
    assertThat(stats.exitCode()).as(stats.err()).isZero();
    List<String> lines = stats.out().lines().toList();
    assertThat(lines.getFirst()).as("saved just now: a delivery runs")
        .matches("# figures saved [0-5] s ago \\(\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\\)");
    assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrder(
        "output hook: health failing, catching up, delivered 0, pending events 30, last error HTTP 503,"
            + " deleted undelivered 0",
        "output file: health ok, delivered 30, pending events 0, deleted undelivered 0");

    CliRunner json = CliRunner.run("streams", "stats", "--data-dir", dataDir.toString(), "--json");
    assertThat(json.out().lines()).as("one JSON object a line, nothing else").allMatch(l -> l.startsWith("{"));
    assertThat(json.out()).contains("\"output\":\"hook\",\"health\":\"failing\",\"catching_up\":true")
        .contains("\"output\":\"file\",\"health\":\"ok\",\"catching_up\":false");
  }
}
