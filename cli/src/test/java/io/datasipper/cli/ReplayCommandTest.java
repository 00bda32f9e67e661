package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay --since/--until}: the events between the two times go out again, read as {@code events} reads them. */
class ReplayCommandTest {
  @TempDir Path dir;
  private Path dataDir;
  private Path out;

  /** Frames e1 to e5, stored 1 to 5 ms after the epoch. */
  @BeforeEach
  void storeFrames() throws Exception {
    dataDir = dir.resolve("data");
    out = dir.resolve("out/frames.jsonl");
    FramesDataDir.storeFrames(dataDir, 5);
    FramesDataDir.deliverTo(dataDir, out);
  }

  @Test
  void theEventsFromSinceToUntilIncludedAreReplayed() throws Exception {
    CliRunner run = replay("--since", "1970-01-01T00:00:00.002Z", "--until", "1970-01-01T00:00:00.004Z");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readAllLines(out)).hasSize(3).satisfiesExactly(
        l -> assertThat(l).contains("\"id\":\"e2\""),
        l -> assertThat(l).contains("\"id\":\"e3\""),
        l -> assertThat(l).contains("\"id\":\"e4\""));
  }

  @Test
  void aSinceAfterItsUntilIsAUsageErrorAndNothingIsReplayed() {
    CliRunner run = replay("--since", "1970-01-01T00:00:00.004Z", "--until", "1970-01-01T00:00:00.002Z");

    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).isEqualTo("datasipper: --since 1970-01-01T00:00:00.004Z (1970-01-01T00:00:00.004Z) is after"
        + " --until 1970-01-01T00:00:00.002Z (1970-01-01T00:00:00.002Z): no event is between them\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void aTimeThatIsNeitherIsNamedAsEventsNamesIt() {
    CliRunner replay = replay("--until", "yesterday");
    CliRunner events = CliRunner.run("events", "--until", "yesterday", "--data-dir", dataDir.toString());

    assertThat(replay.exitCode()).isEqualTo(Main.USAGE);
    assertThat(replay.err()).isEqualTo("datasipper: --until: 'yesterday' is neither a UTC time such as"
        + " 2026-12-01T10:15:00Z nor a duration ago such as 10m\n").isEqualTo(events.err());
    assertThat(out).doesNotExist();
  }

  private CliRunner replay(String... times) {
    String[] args = new String[times.length + 3];
    args[0] = "replay";
    System.arraycopy(times, 0, args, 1, times.length);
    args[times.length + 1] = "--data-dir";
    args[times.length + 2] = dataDir.toString();
    return CliRunner.run(args);
  }
}
