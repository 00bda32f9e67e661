package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.store.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deliver} over a store with a row that no longer parses: the rest arrives, and the user is told. */
class DeliverUnreadableEventTest {
  @TempDir Path dir;

  @Test
  void deliversTheOtherEventsAndExitsNonZeroNamingTheUnreadableOne() throws Exception {
    Path dataDir = dir.resolve("data");
    Path out = dir.resolve("out/frames.jsonl");
    FramesDataDir.storeFrames(dataDir, 10);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(EventStore.FILE_NAME));
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE events SET json = substr(json, 1, 30) WHERE seq = 5");
    }
    FramesDataDir.deliverTo(dataDir, out);

    CliRunner deliver = CliRunner.run("deliver", "--data-dir", dataDir.toString());
    assertThat(Files.readAllLines(out)).hasSize(9).noneMatch(l -> l.contains("\"e5\""));
    assertThat(deliver.exitCode()).as(deliver.err()).isEqualTo(Main.FAILURE);
    assertThat(deliver.err()).contains("datasipper: 1 stored event could not be read", "event 5 in "
        + dataDir.resolve(EventStore.FILE_NAME) + " cannot be read", "dead letters");
    assertThat(deliver.out()).contains("_unreadable");

    CliRunner stats = CliRunner.run("streams", "stats", "--data-dir", dataDir.toString());
    assertThat(stats.out()).contains("stream _unreadable: matched 1", "failed 1", "event 5 in ");

    CliRunner again = CliRunner.run("deliver", "--data-dir", dataDir.toString());
    assertThat(again.exitCode()).as("the event was set aside once; a later run has nothing new to say").isZero();
    assertThat(Files.readAllLines(out)).hasSize(9);
  }
}
