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
      ProcessHandle.current().descendants()
          .filter(p -> p.info().command().orElse("").contains("chromium"))
          .forEach(ProcessHandle::destroyForcibly);
      CliRunner result = run.get(60, TimeUnit.SECONDS);
      assertThat(result.exitCode()).isEqualTo(Main.FAILURE);
      assertThat(result.err()).contains("capture stopped: Chromium exited unexpectedly");
      assertThat(result.out()).contains("captured");
    }
    try (EventStore store = EventStore.open(dataDir)) {
      List<?> errors = store.query(new EventQuery("capture_error", null, 0, 10));
      assertThat(errors).singleElement().isInstanceOfSatisfying(CaptureErrorEvent.class,
          e -> assertThat(e.kind()).isEqualTo("browser_exited"));
      assertThat(store.countByType().get("http")).isGreaterThan(10);
      assertThat(store.countByType().get("ws_frame")).isGreaterThan(5_000);
    }
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
  void anUnwritableDataDirectoryIsNamed() throws Exception {
    Path file = java.nio.file.Files.writeString(dataDir.resolve("a-file"), "not a directory");
    CliRunner run = CliRunner.run("sip", "http://127.0.0.1:9/", "--for", "1s", "--data-dir", file.resolve("sub").toString());
    assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains(file.resolve("sub").toString());
  }
}
