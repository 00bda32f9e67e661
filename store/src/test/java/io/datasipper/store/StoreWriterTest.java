package io.datasipper.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.WsFrameEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreWriterTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration NEVER = Duration.ofHours(1);

  @TempDir Path dir;
  private EventStore store;
  private final RingBuffer ring = new RingBuffer(5_000, RingBuffer.DEFAULT_MAX_BYTES);
  private final EventStamps stamps = new EventStamps(1);

  @BeforeEach
  void openStore() throws StoreException {
    store = EventStore.open(dir);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void writesAFullBatchWithoutWaitingForTheInterval() {
    try (StoreWriter writer = new StoreWriter(store, ring, stamps,
        StoreWriter.Settings.defaults().withBatchSize(10).withFlushInterval(NEVER))) {
      acceptFrames(writer, 10);
      awaitTrue("10 events stored", () -> store.maxSeq() == 10);
      awaitTrue("the writer counted them", () -> writer.stats().written() == 10);
      assertThat(writer.stats().batches()).isEqualTo(1);
    }
  }

  @Test
  void writesAPartialBatchOnceTheIntervalPasses() {
    try (StoreWriter writer = new StoreWriter(store, ring, stamps,
        StoreWriter.Settings.defaults().withBatchSize(1_000).withFlushInterval(Duration.ofMillis(50)))) {
      acceptFrames(writer, 3);
      awaitTrue("3 events stored", () -> store.maxSeq() == 3);
    }
  }

  @Test
  void anEventAfterAQuietSpellIsWrittenAtOnceAndTheNextOnesWaitForTheInterval() throws Exception {
    Duration interval = Duration.ofSeconds(3);
    try (StoreWriter writer = new StoreWriter(store, ring, stamps,
        StoreWriter.Settings.defaults().withBatchSize(1_000).withFlushInterval(interval))) {
      Thread.sleep(interval.toMillis() + 100); // the writer has been quiet for longer than the interval
      long start = System.nanoTime();
      acceptFrames(writer, 1);
      awaitTrue("the first event stored", () -> store.maxSeq() == 1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the first event's wait").isLessThan(interval);

      acceptFrames(writer, 2); // right after a batch: these wait, and go together
      Thread.sleep(500);
      assertThat(store.maxSeq()).as("stored within half a second of the first batch").isEqualTo(1);
      awaitTrue("the next two stored", () -> store.maxSeq() == 3);
      // The writer counts a batch just after the store commits it.
      awaitTrue("the writer counted the next two", () -> writer.stats().written() == 3);
      assertThat(writer.stats().batches()).isEqualTo(2);
    }
  }

  @Test
  void closeWritesEverythingQueued() {
    StoreWriter writer = new StoreWriter(store, ring, stamps,
        StoreWriter.Settings.defaults().withBatchSize(1_000).withFlushInterval(NEVER));
    acceptFrames(writer, 2_500);
    writer.close();

    assertThat(store.query(EventQuery.all())).hasSize(2_500);
    WriterStats stats = writer.stats();
    assertThat(stats.written()).isEqualTo(2_500);
    assertThat(stats.batches()).isEqualTo(3);
    assertThat(stats.pendingEvents()).isZero();
    assertThat(stats.queuedBytes()).isZero();
  }

  @Test
  void acceptDoesNotWaitForABlockedStore() {
    Gate gate = new Gate();
    StoreWriter writer = new StoreWriter(gate.before(store::insert), ring, stamps,
        StoreWriter.Settings.defaults());

    assertTimeoutPreemptively(WAIT, () -> acceptFrames(writer, 10_000));
    assertThat(writer.stats().accepted()).isEqualTo(10_000);
    assertThat(writer.stats().droppedEvents()).isZero();
    assertThat(ring.size()).isEqualTo(5_000);

    gate.open();
    writer.close();
    assertThat(store.maxSeq()).isEqualTo(10_000);
    assertThat(writer.stats().written()).isEqualTo(10_000);
  }

  @Test
  void aStoreThatFallsBehindCausesOneGapEventWithTheExactDropCounts() {
    long eventBytes = frame(0).approximateBytes();
    long bound = 20 * eventBytes;
    Gate gate = new Gate();
    StoreWriter writer = new StoreWriter(gate.before(store::insert), ring, stamps,
        StoreWriter.Settings.defaults().withBatchSize(5).withMaxQueuedBytes(bound));

    acceptFrames(writer, 1_000);
    gate.open();
    writer.close();

    WriterStats stats = writer.stats();
    assertThat(stats.droppedEvents()).isPositive();
    assertThat(stats.accepted()).isEqualTo(1_000).isEqualTo(stats.written() + stats.droppedEvents());
    assertThat(stats.gapsRecorded()).isEqualTo(1);

    List<CaptureEvent> gaps = store.query(EventQuery.all().withType(CaptureGapEvent.TYPE));
    assertThat(gaps).singleElement().isInstanceOfSatisfying(CaptureGapEvent.class, gap -> {
      assertThat(gap.droppedEvents()).isEqualTo(stats.droppedEvents());
      assertThat(gap.droppedBytes()).isEqualTo(stats.droppedBytes())
          .isEqualTo(stats.droppedEvents() * eventBytes);
      assertThat(gap.seq()).isEqualTo(1_001);
      assertThat(gap.firstDroppedAt()).isBeforeOrEqualTo(gap.lastDroppedAt());
      assertThat(gap.reason()).isEqualTo("store fell behind: in-memory queue reached " + bound + " bytes");
    });
    assertThat(store.query(EventQuery.all().withType(WsFrameEvent.TYPE))).hasSize((int) stats.written());
    assertThat(ring.latest(1)).containsExactlyElementsOf(gaps);
    assertThat(ring.size()).as("dropped events still reach live readers").isEqualTo(1_001);
  }

  @Test
  void aGapNamesTheNodeOfTheCaptureThatDroppedTheEvents() {
    Gate gate = new Gate();
    // Numbers its gaps apart from the frames, which take their seq from the test's own stamps.
    StoreWriter writer = new StoreWriter(gate.before(store::insert), ring, new EventStamps(1_000_000, "eu-1"),
        StoreWriter.Settings.defaults().withBatchSize(5).withMaxQueuedBytes(20 * frame(0).approximateBytes()));
    acceptFrames(writer, 100);
    gate.open();
    writer.close();

    assertThat(store.query(EventQuery.all().withType(CaptureGapEvent.TYPE))).singleElement()
        .satisfies(gap -> assertThat(gap.source()).isEqualTo(Source.ofNode("eu-1")));
  }

  @Test
  void theGapIsRecordedRightAfterTheFirstEventThatFitsAgain() {
    Gate gate = new Gate();
    StoreWriter writer = new StoreWriter(gate.before(store::insert), ring, stamps,
        StoreWriter.Settings.defaults().withBatchSize(5).withMaxQueuedBytes(20 * frame(0).approximateBytes()));
    acceptFrames(writer, 100);
    gate.open();
    awaitTrue("the queue drained", () -> writer.stats().queuedBytes() == 0);

    acceptFrames(writer, 1);

    assertThat(ring.latest(2)).extracting(CaptureEvent::seq).containsExactly(101L, 102L);
    assertThat(ring.latest(1).getFirst()).isInstanceOf(CaptureGapEvent.class);
    writer.close();
    assertThat(writer.stats().gapsRecorded()).isEqualTo(1);
    assertThat(store.query(EventQuery.all().withAfterSeq(100)))
        .extracting(CaptureEvent::type)
        .containsExactly(WsFrameEvent.TYPE, CaptureGapEvent.TYPE);
  }

  @Test
  void underConcurrentLoadEveryDroppedEventIsAccountedForByGapEvents() throws Exception {
    BatchInserter slow = batch -> {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      store.insert(batch);
    };
    StoreWriter writer = new StoreWriter(slow, ring, stamps,
        StoreWriter.Settings.defaults().withBatchSize(50).withMaxQueuedBytes(100 * frame(0).approximateBytes()));
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      producers.add(Thread.ofPlatform().start(() -> acceptFrames(writer, 5_000)));
    }
    for (Thread producer : producers) {
      producer.join(WAIT);
    }
    writer.close();

    WriterStats stats = writer.stats();
    List<CaptureEvent> stored = store.query(EventQuery.all());
    long framesStored = stored.stream().filter(e -> e instanceof WsFrameEvent).count();
    long droppedPerGaps = stored.stream()
        .filter(e -> e instanceof CaptureGapEvent)
        .mapToLong(e -> ((CaptureGapEvent) e).droppedEvents())
        .sum();
    assertThat(stats.droppedEvents()).as("the test must overload the writer").isPositive();
    assertThat(stats.accepted()).isEqualTo(20_000).isEqualTo(stats.written() + stats.droppedEvents());
    assertThat(framesStored).isEqualTo(stats.written());
    assertThat(droppedPerGaps).isEqualTo(stats.droppedEvents());
    assertThat(stored.size() - framesStored).isEqualTo(stats.gapsRecorded());
  }

  @Test
  void aFailedInsertIsRetriedAndNothingIsLost() {
    AtomicInteger calls = new AtomicInteger();
    BatchInserter failsTwice = batch -> {
      if (calls.incrementAndGet() <= 2) {
        throw new UncheckedStoreException(new StoreException("disk I/O error (injected)"));
      }
      store.insert(batch);
    };
    StoreWriter writer = new StoreWriter(failsTwice, ring, stamps,
        StoreWriter.Settings.defaults().withBatchSize(1_000).withFlushInterval(NEVER));
    acceptFrames(writer, 50);
    writer.close();

    assertThat(store.maxSeq()).isEqualTo(50);
    assertThat(writer.stats().insertFailures()).isEqualTo(2);
    assertThat(writer.stats().written()).isEqualTo(50);
  }

  @Test
  void closeGivesUpAfterItsTimeoutAndReportsWhatWasNotWritten() {
    BatchInserter broken = batch -> {
      throw new UncheckedStoreException(new StoreException("disk I/O error (injected)"));
    };
    StoreWriter writer = new StoreWriter(broken, ring, stamps,
        StoreWriter.Settings.defaults().withCloseTimeout(Duration.ofMillis(300)));
    acceptFrames(writer, 30);

    assertTimeoutPreemptively(WAIT, writer::close);
    assertThat(writer.stats().pendingEvents()).isEqualTo(30);
    assertThat(writer.stats().written()).isZero();
  }

  @Test
  void refusesEventsAfterClose() {
    StoreWriter writer = new StoreWriter(store, ring, stamps, StoreWriter.Settings.defaults());
    writer.close();
    assertThatThrownBy(() -> writer.accept(frame(1))).isInstanceOf(IllegalStateException.class);
    assertThat(writer.stats().accepted()).isZero();
  }

  private void acceptFrames(StoreWriter writer, int n) {
    for (int i = 0; i < n; i++) {
      writer.accept(frame(stamps.nextSeq()));
    }
  }

  private static WsFrameEvent frame(long seq) {
    return TestEvents.frame(seq, "ws://a/", 100);
  }

  private static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Holds every insert until opened: a store that has stopped keeping up. */
  private static final class Gate {
    private final CountDownLatch latch = new CountDownLatch(1);

    BatchInserter before(BatchInserter next) {
      return batch -> {
        try {
          if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never opened the gate");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        next.insert(batch);
      };
    }

    void open() {
      latch.countDown();
    }
  }
}
