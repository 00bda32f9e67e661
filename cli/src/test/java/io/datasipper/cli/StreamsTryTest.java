package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.store.EventStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsTryTest {
  @TempDir Path dir;

  @Test
  void anEventThatCannotBeReadIsSkippedSayingSoAndTheOthersAreTried() throws Exception {
    Path dataDir = dir.resolve("data");
    FramesDataDir.storeFrames(dataDir, 3);
    FramesDataDir.deliverTo(dataDir, dir.resolve("out/frames.jsonl"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(EventStore.FILE_NAME));
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE events SET json = 'not json' WHERE seq = 2");
    }

    CliRunner run = CliRunner.run("streams", "try", "frames", "--data-dir", dataDir.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.FAILURE);
    assertThat(run.out()).contains("\"id\":\"e1\"", "\"id\":\"e3\"",
        "# event 2 in " + dataDir.resolve(EventStore.FILE_NAME) + " cannot be read: ",
        "# 2 events scanned, 2 matched frames: 2 records, 0 dropped, 0 failed");
    assertThat(run.err()).startsWith("datasipper: 1 stored event could not be read and was skipped, the others tried;")
        .hasLineCount(1);
  }
}
