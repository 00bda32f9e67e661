package io.datasipper.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.capture.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens when Chromium dies under a running capture. */
class BrowserFailureTest {
  @TempDir Path dataDir;

  @Test
  void killingTheBrowserKeepsWhatWasCapturedAndRecordsTheFailure() throws Exception {
    CollectingSink sink = new CollectingSink();
    try (TestSite site = new TestSite();
        Capture capture = Capture.launch(Chromium.headless(dataDir.resolve("profile")), CaptureRules.defaults(),
            new EventStamps(1), sink)) {
      capture.open(site.url("/"));
      assertThat(sink.await(e -> e instanceof WsFrameEvent, Duration.ofSeconds(60))).isTrue();

      ProcessHandle.current().children()
          .filter(p -> p.info().command().orElse("").contains("chromium"))
          .forEach(ProcessHandle::destroyForcibly);

      String reason = capture.ended().get(30, TimeUnit.SECONDS);
      assertThat(reason).contains("Chromium exited unexpectedly");
    }
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
        .contains("--user-data-dir=" + dataDir.resolve("profile"))).toList())
        .as("the browser's renderers and helpers ended with it").isEmpty();
    assertThat(sink.http("/")).as("the document captured before the crash is kept").hasSize(1);
    assertThat(sink.of(CaptureErrorEvent.class)).singleElement()
        .satisfies(e -> assertThat(e.kind()).isEqualTo("browser_exited"));
    assertThat(sink.of(HttpEvent.class)).allSatisfy(h -> assertThat(h.url()).isNotBlank());
  }

  @Test
  void aMissingBrowserIsAClearError() {
    LaunchOptions missing = new LaunchOptions(dataDir.resolve("no-chromium"), dataDir.resolve("profile"), false,
        Chromium.HERMETIC_FLAGS);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Capture.launch(missing, CaptureRules.defaults(), new EventStamps(1), new CollectingSink()))
        .isInstanceOf(CaptureException.class)
        .hasMessageContaining("Chromium not found at " + dataDir.resolve("no-chromium"))
        .hasMessageContaining("apt-get install -y chromium");
  }
}
