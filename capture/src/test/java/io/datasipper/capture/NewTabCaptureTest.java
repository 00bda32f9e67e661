package io.datasipper.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.capture.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tab is navigated as soon as the commands that start its network events are sent, without
 * waiting for their answers: whatever the renderer's start, browser after browser, nothing of the
 * first page is missed.
 */
class NewTabCaptureTest {
  private static final int BROWSERS = 6;
  @TempDir Path dir;

  @Test
  void eachNewBrowsersFirstPageIsCapturedWhole() throws Exception {
    CaptureRules rules = new CaptureRules(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        8L << 20, List.of(), List.of(), false);
    for (int run = 0; run < BROWSERS; run++) {
      try (TestSite site = new TestSite()) {
        CollectingSink sink = new CollectingSink();
        // Half the browsers start on a fresh profile, half on one that earlier runs used, as sip's does.
        Path profile = dir.resolve(run % 2 == 0 ? "fresh-" + run : "kept");
        try (Capture capture = Capture.launch(Chromium.headless(profile), rules, new EventStamps(1), sink)) {
          capture.open(site.url("/"));
          assertThat(site.awaitDone(90)).as("run %d: the page ran its scenario", run).isTrue();
          assertThat(sink.await(e -> e instanceof HttpEvent h && h.url().endsWith("/api/done"), Duration.ofSeconds(20)))
              .as("run %d: the last request was captured", run).isTrue();
        }
        for (String path : List.of("/", "/api/items", "/api/echo", "/img/pixel.png", "/worker.js", "/api/from-worker",
            "/frame.html", "/api/from-iframe", "/api/done")) {
          assertThat(sink.http(path)).as("run %d captured %s", run, path).hasSize(1);
        }
        assertThat(sink.http("/").get(0).response().body().data()).as("run %d: the document's body", run)
            .contains("DataSipper test site");
      }
    }
  }
}
