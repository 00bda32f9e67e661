package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.capture.testsite.TestSite;
import io.datasipper.store.EventQuery;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoreKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code datasipper sip} into an encrypted data directory, with a real Chromium and the test site:
 * no file of the data directory, the write-ahead log included, holds a URL, a body or a frame
 * payload of the capture, and the browser's profile and log are not kept there.
 */
class EncryptedSipTest {
  /** Parts of the test site's URLs, request and response bodies and WebSocket frames. */
  private static final List<String> MARKERS = List.of("api/items", "color=red", "api/echo", "h\u00e9llo",
      "service-worker", "from-iframe", "cli-1", "cli-2599", "sse/finite", "pixel.png");

  @TempDir Path dir;

  @Test
  void aCaptureLeavesNoPlainTrafficInTheDataDirectoryAndReadsBackWithTheKey() throws Exception {
    Path data = dir.resolve("data");
    StoreKey key = StoreKey.generate();
    Path keyFile = dir.resolve("store.key");
    key.writeNew(keyFile);
    try (TestSite site = new TestSite()) {
      Path log = dir.resolve("sip.log");
      ProcessBuilder pb = CliProcess.sip(List.of(site.url("/"), "--data-dir", data.toString()));
      pb.environment().put(StoreKey.ENVIRONMENT, Files.readString(keyFile).strip());
      Process sip = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        assertThat(site.awaitDone(120)).as("the page ran its scenario; sip printed: %s", Files.readString(log))
            .isTrue();
        Thread.sleep(1_000); // the last exchange's events are on their way to the store
        // While the capture still runs: the events are in the write-ahead log, not yet checkpointed.
        assertThat(data.resolve(EventStore.FILE_NAME + "-wal")).exists();
        assertNoMarkerIn(data);
        sip.destroy(); // SIGTERM
        assertThat(sip.waitFor(60, TimeUnit.SECONDS)).as("sip exits after SIGTERM").isTrue();
      } finally {
        sip.destroyForcibly();
      }
      assertThat(sip.exitValue()).as(Files.readString(log)).isIn(0, 143);
    }
    assertNoMarkerIn(data);
    assertThat(data.resolve("profile")).doesNotExist();
    assertThat(data.resolve("chromium.log")).doesNotExist();

    List<CaptureEvent> stored = new ArrayList<>();
    try (EventStore store = EventStore.open(data, key)) {
      store.scan(EventQuery.all(), stored::add);
    }
    assertThat(stored).filteredOn(e -> e instanceof HttpEvent h && h.url().endsWith("/api/echo")).singleElement()
        .satisfies(e -> assertThat(((HttpEvent) e).request().body().data()).contains("h\u00e9llo"));
  }

  private static void assertNoMarkerIn(Path root) throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).extracting(f -> f.getFileName().toString()).contains(EventStore.FILE_NAME);
    for (Path f : files) {
      String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      for (String marker : MARKERS) {
        String asStored = new String(marker.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as("%s holds %s", f, marker).doesNotContain(asStored);
      }
    }
  }
}
