package io.datasipper.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.EventStamps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture into a disk that fills up, on a real 8 MB tmpfs (mounting one needs root: the test
 * fails saying so otherwise): what cannot be stored is reported by a capture_gap that names the
 * disk, the store stays sound, and storing resumes once space is back.
 */
class DiskFullTest {
  private static final int PAYLOAD_CHARS = 32 * 1024;
  private static final int MAX_EVENTS = 3_000;
  @TempDir Path dir;

  @Test
  void whatAFullDiskDropsIsReportedByAGapNamingItAndStoringResumesWhenSpaceIsBack() throws Exception {
    Path disk = dir.resolve("disk");
    Files.createDirectories(disk);
    TmpfsMount mount = TmpfsMount.mount(disk, "8m");
    try {
      Path ballast = disk.resolve("ballast");
      Files.write(ballast, new byte[4 * 1024 * 1024]); // freed later, to give the space back
      EventStamps stamps = new EventStamps(1);
      RingBuffer ring = new RingBuffer();
      try (EventStore store = EventStore.open(disk.resolve("data"))) {
        StoreWriter writer = new StoreWriter(store, ring, stamps, StoreWriter.Settings.defaults()
            .withMaxQueuedBytes(1024 * 1024).withCloseTimeout(Duration.ofSeconds(20)));
        try {
          feedUntil(writer, stamps, () -> writer.stats().insertFailures() > 0, "the disk filled up", MAX_EVENTS);
          long droppedBefore = writer.stats().droppedEvents(); // the store may have fallen behind before
          feedUntil(writer, stamps, () -> writer.stats().droppedEvents() > droppedBefore,
              "events were dropped while the disk was full", MAX_EVENTS);
          Files.delete(ballast);
          long writtenBefore = writer.stats().written();
          long gapsBefore = writer.stats().gapsRecorded();
          // Fewer events than the space given back holds, with the 1 MB queued: at the feed's pace
          // more would fill the disk again before the queue is seen empty.
          feedUntil(writer, stamps, () -> writer.stats().gapsRecorded() > gapsBefore
              && writer.stats().pendingEvents() == 0 && writer.stats().written() > writtenBefore + 5,
              "storing resumed once space was back", 40);
        } finally {
          writer.close();
        }
        WriterStats stats = writer.stats();
        assertThat(stats.pendingEvents()).isZero();

        List<CaptureEvent> stored = store.query(EventQuery.all());
        List<CaptureGapEvent> gaps = stored.stream().filter(CaptureGapEvent.class::isInstance)
            .map(CaptureGapEvent.class::cast).toList();
        assertThat(gaps).isNotEmpty();
        assertThat(gaps.stream().mapToLong(CaptureGapEvent::droppedEvents).sum()).isEqualTo(stats.droppedEvents());
        // Gaps before the disk filled may say the store fell behind; those while it was full say why.
        assertThat(gaps).extracting(CaptureGapEvent::reason).anySatisfy(reason -> assertThat(reason)
            .contains(disk.resolve("data/events.db").toString(), "disk is full"));
        assertThat(stored.size() - gaps.size()).as("every accepted event is stored or counted in a gap")
            .isEqualTo(stats.accepted() - stats.droppedEvents());
        assertThat(integrityCheck(disk.resolve("data/events.db"))).isEqualTo("ok");
      }
    } finally {
      mount.unmount();
    }
  }

  /** Feeds 32 KB frames, at most {@code maxEvents} of them, until the condition holds, for at most 60 s. */
  private static void feedUntil(StoreWriter writer, EventStamps stamps, BooleanSupplier condition, String what,
      int maxEvents) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (int i = 0; !condition.getAsBoolean(); i++) {
      assertThat(System.nanoTime() < deadline).as("timed out waiting until %s: %s", what, writer.stats()).isTrue();
      if (i < maxEvents) {
        writer.accept(TestEvents.frame(stamps.nextSeq(), "ws://127.0.0.1/ws", PAYLOAD_CHARS));
      }
      Thread.sleep(5);
    }
  }

  private static String integrityCheck(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
