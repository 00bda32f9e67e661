package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.store.DataDirLock;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streams stats}: the figures a delivery saved in the store, as a user reads them. */
class StreamsStatsTest {
  @TempDir Path dir;

  @Test
  void anOutputReadingTheStoreOnItsOwnIsSaidToBeCatchingUpUnderWhenAndByWhomTheyWereSavedAndStoppedOnceNoDeliveryRuns()
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
    CliRunner stats;
    CliRunner json;
    // Read while a delivery holds the data directory, as one does as long as it runs.
    DataDirLock delivery = DataDirLock.acquire(dataDir, DataDirLock.Kind.PIPELINE, "deliver --follow");
    try {
      stats = CliRunner.run("streams", "stats", "--data-dir", dataDir.toString());
      json = CliRunner.run("streams", "stats", "--data-dir", dataDir.toString(), "--json");
    } finally {
      delivery.close();
    }
    assertThat(stats.exitCode()).as(stats.err()).isZero();
    List<String> lines = stats.out().lines().toList();
    assertThat(lines.getFirst()).as("saved just now by the delivery running")
        .matches("# figures saved [0-5] s ago \\(\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\\), delivery running: pid "
            + ProcessHandle.current().pid() + " \\(deliver --follow\\)");
    assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrder(
        "output hook: health failing, catching up, delivered 0, pending events 30, last error HTTP 503,"
            + " deleted undelivered 0",
        "output file: health ok, delivered 30, pending events 0, deleted undelivered 0");
    assertThat(json.out().lines()).as("one JSON object a line, nothing else").allMatch(l -> l.startsWith("{"));
    assertThat(json.out()).contains("\"output\":\"hook\",\"health\":\"failing\",\"catching_up\":true")
        .contains("\"output\":\"file\",\"health\":\"ok\",\"catching_up\":false");

    // The delivery gone, nothing is delivered: however it ended, what it saved last no longer holds.
    CliRunner after = CliRunner.run("streams", "stats", "--data-dir", dataDir.toString());
    List<String> afterLines = after.out().lines().toList();
    assertThat(afterLines.getFirst()).endsWith("), no delivery running: every output stopped");
    assertThat(afterLines.subList(1, afterLines.size())).containsExactlyInAnyOrder(
        "output hook: health stopped, delivered 0, pending events 30, last error HTTP 503, deleted undelivered 0",
        "output file: health stopped, delivered 30, pending events 0, deleted undelivered 0");
    assertThat(CliRunner.run("streams", "stats", "--data-dir", dataDir.toString(), "--json").out())
        .contains("\"output\":\"hook\",\"health\":\"stopped\",\"catching_up\":false");
  }

  /** An output the running delivery does not run is not delivered to, whatever an earlier delivery saved of it. */
  @Test
  void anOutputTheRunningDeliveryDoesNotRunReadsStopped() throws Exception {
    Path dataDir = dir.resolve("data");
    FramesDataDir.storeFrames(dataDir, 30);
    try (EventStore store = EventStore.open(dataDir)) {
      DeliveryLedger ledger = new DeliveryLedger(store);
      // The last figures of an earlier delivery, whose webhook was fine, then those of the one running now without it.
      ledger.saveStats(Map.of("output:hook", """
          {"output":"hook","health":"ok","catching_up":false,"delivered":30,"pending_events":0,"last_error":null}"""));
      Thread.sleep(5); // the running delivery saves at a later instant
      ledger.saveStats(Map.of("output:file", """
          {"output":"file","health":"ok","catching_up":false,"delivered":30,"pending_events":0,"last_error":null}"""));
    }
    CliRunner stats;
    DataDirLock delivery = DataDirLock.acquire(dataDir, DataDirLock.Kind.PIPELINE, "deliver --follow");
    try {
      stats = CliRunner.run("streams", "stats", "--data-dir", dataDir.toString());
    } finally {
      delivery.close();
    }
    assertThat(stats.exitCode()).as(stats.err()).isZero();
    List<String> lines = stats.out().lines().toList();
    assertThat(lines.subList(1, lines.size())).contains("output file: health ok, delivered 30, pending events 0,"
        + " deleted undelivered 0").anyMatch(l -> l.matches("output hook: health stopped, delivered 30, pending events 0,"
        + " deleted undelivered 0, earlier delivery saved at \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z"));
  }

  /** A stream's figures are the last delivery's, as its outputs' are, though it matched nothing this time. */
  @Test
  void aStreamThatMatchedNothingInTheLastDeliveryReadsZeroBesideItsOutput() throws Exception {
    Path dataDir = threeFramesDelivered();

    CliRunner again = CliRunner.run("deliver", "--data-dir", dataDir.toString());

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(statsLines(dataDir)).as("nothing new to deliver: 0 matched, as the output's 0 delivered")
        .containsExactlyInAnyOrder(
            "stream frames: matched 0, transformed 0, records 0, dropped 0, failed 0",
            "output file: health stopped, delivered 0, dead lettered 0, retries 0, pending events 0,"
                + " delivered last minute 0, deleted undelivered 0");
  }

  /** A stream the last delivery did not run keeps an earlier one's figures, marked with when they were saved. */
  @Test
  void aStreamTheLastDeliveryDidNotRunIsMarkedWithTheEarlierDelivery() throws Exception {
    Path dataDir = threeFramesDelivered();
    Path config = dataDir.resolve("datasipper.yaml");
    Files.writeString(config, Files.readString(config).replace("name: frames", "name: renamed"));
    FramesDataDir.storeFrames(dataDir, 4);

    CliRunner again = CliRunner.run("deliver", "--data-dir", dataDir.toString());

    assertThat(again.exitCode()).as(again.err()).isZero();
    List<String> lines = statsLines(dataDir);
    assertThat(lines).contains("stream renamed: matched 1, transformed 1, records 1, dropped 0, failed 0")
        .anyMatch(l -> l.matches("stream frames: matched 3, transformed 3, records 3, dropped 0, failed 0,"
            + " earlier delivery saved at \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z"));
    CliRunner json = CliRunner.run("streams", "stats", "--json", "--data-dir", dataDir.toString());
    assertThat(json.out().lines()).filteredOn(l -> l.contains("\"stream\":\"renamed\""))
        .singleElement().asString().contains("\"earlier_delivery_saved_at\":null");
  }

  /** A data directory whose frames e1 to e3 one delivery took, stream {@code frames} into output {@code file}. */
  private Path threeFramesDelivered() throws Exception {
    Path dataDir = dir.resolve("data");
    FramesDataDir.storeFrames(dataDir, 3);
    FramesDataDir.deliverTo(dataDir, dir.resolve("out/frames.jsonl"));
    assertThat(CliRunner.run("deliver", "--data-dir", dataDir.toString()).exitCode()).isZero();
    assertThat(statsLines(dataDir)).contains("stream frames: matched 3, transformed 3, records 3, dropped 0, failed 0");
    return dataDir;
  }

  /** The lines of {@code streams stats} after the one saying when the figures were saved. */
  private static List<String> statsLines(Path dataDir) {
    CliRunner stats = CliRunner.run("streams", "stats", "--data-dir", dataDir.toString());
    assertThat(stats.exitCode()).as(stats.err()).isZero();
    List<String> lines = stats.out().lines().toList();
    return lines.subList(1, lines.size());
  }
}
