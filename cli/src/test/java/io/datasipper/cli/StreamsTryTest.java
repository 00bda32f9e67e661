package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.store.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

  /** A first capture has no config yet: the commands that run streams say the file is missing, not empty. */
  @Test
  void aDataDirectoryWithoutAConfigIsToldToWriteOne() throws Exception {
    Path dataDir = dir.resolve("data");
    FramesDataDir.storeFrames(dataDir, 3);
    String missing = "datasipper: no streams to run: " + dataDir + " has no datasipper.yaml; write one"
        + " (README: Streams and outputs) or name one with --config FILE\n";

    for (List<String> command : List.of(List.of("deliver"), List.of("streams", "try", "frames"),
        List.of("streams", "check"), List.of("replay"))) {
      List<String> args = new ArrayList<>(command);
      args.addAll(List.of("--data-dir", dataDir.toString()));
      CliRunner run = CliRunner.run(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(command.toString()).isEqualTo(Main.USAGE);
      assertThat(run.err()).as(command.toString()).isEqualTo(missing);
    }

    Files.writeString(dataDir.resolve("datasipper.yaml"), "capture: {bodies: {max_bytes: 1MiB}}\n");
    CliRunner onlyCapture = CliRunner.run("deliver", "--data-dir", dataDir.toString());
    assertThat(onlyCapture.err()).isEqualTo("datasipper: " + dataDir.resolve("datasipper.yaml") + " defines no streams\n");
  }
}
