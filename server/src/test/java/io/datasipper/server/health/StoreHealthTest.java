package io.datasipper.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.event.EventStamps;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import io.datasipper.store.TmpfsMount;
import io.datasipper.testkit.SampleEvents;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture into a disk that fills up, on a real 8 MB tmpfs (mounting one needs root): {@code /readyz}
 * says the store is down, naming the disk, and up again once space is back.
 * (While less than 1 MiB is free it stays down, though writes may succeed: the next may not.)
 */
class StoreHealthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PAYLOAD = "x".repeat(32 * 1024);
  @TempDir Path dir;

  @Test
  void aFullDiskTakesTheStoreDownUntilSpaceIsBack() throws Exception {
    Path disk = Files.createDirectories(dir.resolve("disk"));
    TmpfsMount mount = TmpfsMount.mount(disk, "8m");
    try {
      Path ballast = disk.resolve("ballast");
      Files.write(ballast, new byte[4 * 1024 * 1024]); // fills the disk sooner
      Path data = disk.resolve("data");
      EventStamps stamps = new EventStamps(1);
      try (EventStore store = EventStore.open(data);
          StoreWriter writer = new StoreWriter(store, new RingBuffer(), stamps,
              StoreWriter.Settings.defaults().withMaxQueuedBytes(1024 * 1024).withCloseTimeout(Duration.ofSeconds(20)));
          LocalServer server = LocalServer.start(0, List.of(new ReadinessPart(List.of(
              StoreHealth.withWriter(store, data, writer::stats)))))) {
        ApiClient api = new ApiClient(server);
        assertThat(api.get("/readyz").statusCode()).isEqualTo(200);

        feedUntil(writer, stamps, () -> writer.stats().storeFailure() != null, "a write failed for want of space");
        HttpResponse<String> full = api.get("/readyz");
        assertThat(full.statusCode()).isEqualTo(503);
        JsonNode component = JSON.readTree(full.body()).at("/components/store");
        assertThat(component.path("status").asText()).isEqualTo("down");
        assertThat(component.path("detail").asText()).startsWith("the last write failed: ")
            .contains(data.resolve("events.db").toString(), "disk is full");

        Files.delete(ballast);
        mount.resize("64m"); // the store takes the freed 4 MB at once; under 1 MiB free it would stay down
        feedUntil(writer, stamps, () -> writer.stats().storeFailure() == null, "storing resumed");
        HttpResponse<String> back = api.get("/readyz");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(JSON.readTree(back.body()).at("/components/store/status").asText()).isEqualTo("up");
      }
    } finally {
      mount.unmount();
    }
  }

  /** Feeds 32 KB frames, at most 3,000 of them in 60 s, until the condition holds. */
  private static void feedUntil(StoreWriter writer, EventStamps stamps, BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (int i = 0; !condition.getAsBoolean(); i++) {
      assertThat(i < 3_000 && System.nanoTime() < deadline).as("timed out waiting until %s: %s", what,
          writer.stats()).isTrue();
      writer.accept(SampleEvents.frame(stamps.nextSeq(), "conn-1", PAYLOAD));
      Thread.sleep(5);
    }
  }
}
