package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.capture.Chromium;
import io.datasipper.capture.testsite.TestSite;
import io.datasipper.store.EventQuery;
import io.datasipper.store.EventStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures a user meets: a browser that dies, bad input. Each ends with a clear message and exit code. */
class SipFailureTest {
  @TempDir Path dataDir;

  @Test
  void aKilledBrowserEndsTheRunWithExitOneAndKeepsWhatWasCaptured() throws Exception {
    try (TestSite site = new TestSite()) {
      List<String> args = new ArrayList<>(List.of("sip", site.url("/"), "--for", "5m", "--data-dir", dataDir.toString()));
      Chromium.HERMETIC_FLAGS.forEach(f -> args.add("--browser-arg=" + f));
      CompletableFuture<CliRunner> run = CompletableFuture.supplyAsync(() -> CliRunner.run(args.toArray(String[]::new)));
      assertThat(site.awaitDone(120)).isTrue();
      // The page is done when it has the frames; the capture may still be reading them from the
      // browser, and frames the browser never reported cannot be kept: kill it once they are stored.
      awaitStoredFrames(FRAMES_CROSSED, 90);
      ProcessHandle.current().descendants()
          .filter(p -> p.info().command().orElse("").contains("chromium"))
          .forEach(ProcessHandle::destroyForcibly);
      CliRunner result = run.get(60, TimeUnit.SECONDS);
      assertThat(result.exitCode()).isEqualTo(Main.FAILURE);
      assertThat(result.err()).contains("capture stopped: Chromium exited unexpectedly");
      try (EventStore store = EventStore.open(dataDir)) {
        List<?> errors = store.query(new EventQuery("capture_error", 0, 10));
        assertThat(errors).singleElement().isInstanceOfSatisfying(CaptureErrorEvent.class,
            e -> assertThat(e.kind()).isEqualTo("browser_exited"));
        assertThat(store.countByType().get("http")).isGreaterThan(10);
        assertThat(store.countByType().get("ws_frame")).isGreaterThanOrEqualTo(FRAMES_CROSSED);
        long stored = store.countByType().values().stream().mapToLong(Long::longValue).sum();
        assertThat(result.out()).as("everything captured before the browser died is stored")
            .contains("captured %,d events".formatted(stored))
            .contains("stored %,d events (0 dropped".formatted(stored));
      }
    }
  }

  private static final int FRAMES_CROSSED =
      2 * (TestSite.WS_TEXT_FRAMES_EACH_WAY + TestSite.WS_BINARY_FRAMES_EACH_WAY);

  private void awaitStoredFrames(long frames, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long stored = 0;
    while (System.nanoTime() < deadline) {
      try (EventStore store = EventStore.open(dataDir)) {
        stored = store.countByType().getOrDefault("ws_frame", 0L);
      }
      if (stored >= frames) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the capture stored " + stored + " of " + frames + " frames in " + seconds + " s");
  }

  @Test
  void badInputIsAOneLineUsageError() {
    CliRunner notUrl = CliRunner.run("sip", "example.com", "--data-dir", dataDir.toString());
    assertThat(notUrl.exitCode()).isEqualTo(Main.USAGE);
    assertThat(notUrl.err()).contains("'example.com' is not an http:// or https:// address");

    CliRunner badDuration = CliRunner.run("sip", "http://127.0.0.1/", "--for", "15 parsecs");
    assertThat(badDuration.exitCode()).isEqualTo(Main.USAGE);
    assertThat(badDuration.err()).contains("'15 parsecs' is not a duration");

    CliRunner missingConfig = CliRunner.run("sip", "http://127.0.0.1/", "--config", dataDir.resolve("nope.yaml").toString());
    assertThat(missingConfig.exitCode()).isEqualTo(Main.USAGE);
    assertThat(missingConfig.err()).contains("config file " + dataDir.resolve("nope.yaml") + " does not exist");
  }

  @Test
  void anInvalidConfigFoundWhileTheBrowserStartsLeavesNoBrowserRunning() throws Exception {
    Path config = java.nio.file.Files.writeString(dataDir.resolve("bad.yaml"), "capture: {urlz: {}}\n");
    CliRunner run = CliRunner.run("sip", "http://127.0.0.1:9/", "--for", "1s", "--data-dir", dataDir.toString(),
        "--config", config.toString());
    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("capture.urlz: unknown key");
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
        .contains("--user-data-dir=" + dataDir.resolve("profile"))).toList())
        .as("the browser started beside the config's loading was stopped").isEmpty();
  }

  @Test
  void aStoreThatDoesNotOpenLeavesNoBrowserRunning() throws Exception {
    java.nio.file.Files.createDirectories(dataDir);
    java.nio.file.Files.writeString(dataDir.resolve("events.db"), "not a database, but long enough to be read as one");
    List<String> args = new ArrayList<>(List.of("sip", "http://127.0.0.1:9/", "--for", "5s", "--data-dir",
        dataDir.toString()));
    Chromium.HERMETIC_FLAGS.forEach(f -> args.add("--browser-arg=" + f));
    CliRunner run = CliRunner.run(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains(dataDir.resolve("events.db").toString());
    assertThat(dataDir.resolve("chromium.log")).as("the browser had been started").exists();
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
        .contains("--user-data-dir=" + dataDir.resolve("profile"))).toList())
        .as("the browser started before the store opened was stopped").isEmpty();
  }

  @Test
  void anUnwritableDataDirectoryIsNamed() throws Exception {
    Path file = java.nio.file.Files.writeString(dataDir.resolve("a-file"), "not a directory");
    CliRunner run = CliRunner.run("sip", "http://127.0.0.1:9/", "--for", "1s", "--data-dir", file.resolve("sub").toString());
    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains(file.resolve("sub").toString());
  }
}
