package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.capture.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newcomer's first command, with the embedded Kafka broker: events must land in Kafka and the file. */
class DemoCommandTest {
  @TempDir Path dataDir;

  @Test
  void demoWithEmbeddedKafkaShipsBothStreamsToKafkaAndTheFile() throws Exception {
    List<String> args = new ArrayList<>(List.of("demo", "--for", "6s", "--kafka", "embedded", "--data-dir", dataDir.toString()));
    Chromium.HERMETIC_FLAGS.forEach(f -> args.add("--browser-arg=" + f));
    CliRunner run = CliRunner.run(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(dataDir.resolve("datasipper.yaml"))).contains("name: prices", "name: ticks");
    List<String> lines = Files.readAllLines(dataDir.resolve("out/demo.jsonl"));
    assertThat(lines).anyMatch(l -> l.contains("\"stream\":\"prices\"")).anyMatch(l -> l.contains("\"type\":\"ws_frame\""));
    for (String file : List.of("datasipper.yaml", "out/demo.jsonl", "events.db", "chromium.log")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file)))).as(file)
          .isEqualTo("rw-------");
    }
    for (String made : List.of("out", "kafka", "profile")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(made)))).as(made)
          .isEqualTo("rwx------");
    }
    assertThat(run.out()).containsPattern("datasipper\\.prices +[1-9][0-9,]* records")
        .containsPattern("datasipper\\.ticks +[1-9][0-9,]* records")
        .contains("demo_kafka", "dead-lettered 0");
    // The broker stops with the demo; `kafka consume` brings it back on its data to read a topic.
    CliRunner consume = CliRunner.run("kafka", "consume", "--dir", dataDir.resolve("kafka").toString(),
        "--topic", "datasipper.ticks", "--wait", "3s");
    assertThat(consume.exitCode()).as(consume.err()).isZero();
    assertThat(consume.out().lines()).isNotEmpty().allMatch(l -> l.contains("\"type\":\"ws_frame\""));
  }
}
