package io.datasipper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.transform.EventTransform;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import io.datasipper.store.TmpfsMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's disk fills up while the pipeline delivers (a real 8 MB tmpfs; mounting it needs
 * root): cursors and dead letters cannot be saved, the output says so, and delivery goes on once
 * space is back, with nothing lost.
 */
class PipelineDiskFullTest {
  /** Fault injection: a transform that fails on every even seq, so the stage has dead letters to record. */
  private static final TransformCompiler FAILING_ON_EVEN = (stream, source) -> new EventTransform() {
    @Override
    public Outcome apply(CaptureEvent event) {
      return event.seq() % 2 == 0 ? new Outcome.Failed("even seq " + event.seq()) : EventTransform.IDENTITY.apply(event);
    }

    @Override
    public void close() {}
  };

  @TempDir Path dir;

  @Test
  void deliveryWaitsForSpaceToSaveItsCursorAndThenDeliversEverything() throws Exception {
    runOnAFullDisk(null, java.util.stream.LongStream.rangeClosed(1, 600).filter(s -> s % 3 != 0).boxed().toList(), 0);
  }

  @Test
  void deliveryWaitsForSpaceToRecordDeadLettersAndThenDeliversEverything() throws Exception {
    runOnAFullDisk(FAILING_ON_EVEN, java.util.stream.LongStream.rangeClosed(1, 600)
        .filter(s -> s % 3 != 0 && s % 2 != 0).boxed().toList(), 200);
  }

  private void runOnAFullDisk(TransformCompiler transforms, List<Long> expected, int deadLetters) throws Exception {
    Path disk = dir.resolve("disk");
    Files.createDirectories(disk);
    Path out = dir.resolve("out/frames.jsonl"); // on another disk: only the store's is full
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame",
        transforms == null ? null : "fail on even", "file")), List.of(Fixtures.file("file", out)));
    TmpfsMount mount = TmpfsMount.mount(disk, "8m");
    try (EventStore store = EventStore.open(disk.resolve("data"))) {
      Fixtures.fill(store, 1, 600);
      new DeliveryLedger(store).saveCursor("file", 0); // an output that ran before: nothing to save at start
      Path filler = disk.resolve("filler");
      TmpfsMount.fill(filler);

      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), transforms);
      try {
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
          try {
            return pipeline.drain(Duration.ofSeconds(60));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"failing".equals(pipeline.stats().output("file").health()) && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(pipeline.stats().output("file").health()).isEqualTo("failing");
        assertThat(pipeline.stats().output("file").lastError()).contains(disk.resolve("data/events.db").toString(),
            "disk is full");

        Files.delete(filler);
        assertThat(drained.get(90, TimeUnit.SECONDS)).as("everything delivered once space was back").isTrue();
        List<Long> seqs = PipelineDeliveryTest.seqs(Fixtures.lines(out));
        assertThat(seqs).as("in order; what was written before a cursor could be saved may come twice")
            .isSorted().containsAll(expected);
      } finally {
        pipeline.close(); // its threads hold the store open, and the disk mounted
      }
      DeliveryLedger ledger = new DeliveryLedger(store);
      assertThat(ledger.cursor("file")).hasValue(600);
      assertThat(ledger.deadLetters("frames", 10_000)).extracting(DeliveryLedger.DeadLetter::sourceSeq)
          .doesNotHaveDuplicates().hasSize(deadLetters);
    } finally {
      mount.unmount();
    }
  }
}
