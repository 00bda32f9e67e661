package io.datasipper.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.capture.Capture;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.Chromium;
import io.datasipper.capture.CollectingSink;
import io.datasipper.capture.testsite.TestSite;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HAR of a real capture of every kind of traffic (redirects, a cross-origin frame, workers,
 * uploads, WebSockets, event streams, a refused connection) passes the HAR validator.
 */
class RealCaptureHarTest {
  @TempDir Path dir;

  @Test
  void theHarOfARealCaptureIsValid() throws Exception {
    CollectingSink sink = new CollectingSink();
    try (TestSite site = new TestSite();
        Capture capture = Capture.launch(Chromium.headless(dir.resolve("profile")), CaptureRules.defaults(),
            new EventStamps(1), sink)) {
      capture.open(site.url("/"));
      assertThat(site.awaitDone(90)).as("the page ran its whole scenario").isTrue();
      assertThat(sink.await(e -> e instanceof HttpEvent h && h.url().endsWith("/api/done"), Duration.ofSeconds(20)))
          .as("the last request was captured").isTrue();
    }

    Path har = dir.resolve("capture.har");
    try (HarWriter writer = HarWriter.create(dir); OutputStream out = Files.newOutputStream(har)) {
      sink.events().forEach(writer::add);
      writer.writeTo(out);
    }

    NodeTool.Result valid = NodeTool.installed().run("validate-har.js", har.toString());
    assertThat(valid.exitCode()).as(valid.output()).isZero();
  }
}
