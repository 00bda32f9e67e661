package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes on one data directory: a second writer stops at once; readers go on beside a writer. */
class DataDirInUseTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir Path dir;

  @Test
  void aSecondDeliveryStopsAtOnceNamingTheProcessThatDeliversAndReadersGoOn() throws Exception {
    Path dataDir = dir.resolve("data");
    Path out = dir.resolve("out/frames.jsonl");
    FramesDataDir.storeFrames(dataDir, 20);
    FramesDataDir.deliverTo(dataDir, out);
    Path log = dir.resolve("follow.log");
    Process follow = FramesDataDir.follow(dataDir, log).start();
    try {
      Await.until(() -> lineCount(out) == 20, WAIT, "the first delivery took every event; it printed: " + log);

      CliRunner second = CliRunner.run("deliver", "--data-dir", dataDir.toString());
      assertThat(second.exitCode()).as(second.err()).isEqualTo(Main.USAGE);
      assertThat(second.err()).isEqualTo(
          "datasipper: data directory " + dataDir + " is in use by pid " + follow.pid() + " (deliver)\n");
      CliRunner replay = CliRunner.run("replay", "--data-dir", dataDir.toString());
      assertThat(replay.err()).isEqualTo(second.err());
      assertThat(lineCount(out)).as("nothing delivered twice").isEqualTo(20);

      CliRunner events = CliRunner.run("events", "--data-dir", dataDir.toString());
      assertThat(events.exitCode()).as(events.err()).isZero();
      assertThat(events.out().lines()).hasSize(20);
      Await.until(() -> CliRunner.run("streams", "stats", "--data-dir", dataDir.toString()).out().contains("delivered 20"),
          WAIT, "streams stats reads the running delivery's counters");
      assertThat(CliRunner.run("streams", "stats", "--data-dir", dataDir.toString()).out())
          .contains("delivery running: pid " + follow.pid() + " (deliver)\n").contains("health ok");
    } finally {
      follow.destroyForcibly(); // SIGKILL: the OS releases the lock, nothing else does
    }
    assertThat(follow.waitFor(30, TimeUnit.SECONDS)).isTrue();
    // Killed, it saved no last figures: those it saved last said ok, which no longer holds.
    assertThat(CliRunner.run("streams", "stats", "--data-dir", dataDir.toString()).out())
        .contains("no delivery running: every output stopped\n").contains("health stopped").doesNotContain("health ok");

    FramesDataDir.storeFrames(dataDir, 30);
    CliRunner after = CliRunner.run("deliver", "--data-dir", dataDir.toString());
    assertThat(after.exitCode()).as(after.err()).isZero();
    assertThat(lineCount(out)).isEqualTo(30);
  }

  @Test
  void aSecondCaptureStopsAtOnceNamingTheProcessThatCaptures() throws Exception {
    Path dataDir = dir.resolve("data");
    Path log = dir.resolve("sip.log");
    Process sip = CliProcess.sip(List.of("http://127.0.0.1:9/", "--for", "60s", "--data-dir", dataDir.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Path lock = dataDir.resolve("capture.lock");
      // The holder's pid and command, then when it started.
      Await.until(() -> read(lock).startsWith(sip.pid() + " sip\nstarted "), WAIT,
          "sip holds the capture lock; it printed: " + log);

      CliRunner attach = CliRunner.run("attach", "--cdp-url", "http://127.0.0.1:9", "--data-dir", dataDir.toString());
      assertThat(attach.exitCode()).as(attach.err()).isEqualTo(Main.USAGE);
      assertThat(attach.err()).isEqualTo(
          "datasipper: data directory " + dataDir + " is in use by pid " + sip.pid() + " (sip)\n");
    } finally {
      sip.destroy();
      if (!sip.waitFor(30, TimeUnit.SECONDS)) {
        sip.destroyForcibly();
      }
    }
    // Stopped while its browser was still starting: the browser, in a session of its own, goes too.
    // Its processes are told to stop and take a moment to exit; those still there after that are left behind.
    String profile = "--user-data-dir=" + dataDir.resolve("profile");
    Await.until(() -> ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(profile)),
        WAIT, "browser processes left behind by the stopped sip");
  }

  private static long lineCount(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

}
