package io.datasipper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.transform.EventTransform;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineDeliveryTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void everyEventOfAStreamReachesEveryOutputBoundToItInOrder() throws Exception {
    Path frames = dir.resolve("out/frames.jsonl");
    Path all = dir.resolve("out/all.jsonl");
    PipelineSpec spec = new PipelineSpec(
        List.of(Fixtures.stream("frames", "ws_frame", null, "frames", "all"),
            Fixtures.stream("calls", "http", null, "all")),
        List.of(Fixtures.file("frames", frames), Fixtures.file("all", all)));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 3_000);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      assertThat(pipeline.drain(Duration.ofSeconds(60))).isTrue();
      assertThat(seqs(Fixtures.lines(frames))).containsExactlyElementsOf(
          java.util.stream.LongStream.rangeClosed(1, 3_000).filter(s -> s % 3 != 0).boxed().toList());
      assertThat(seqs(Fixtures.lines(all))).hasSize(3_000).isSorted();
      DeliveryLedger ledger = new DeliveryLedger(store);
      assertThat(ledger.cursor("frames")).hasValue(3_000);
      assertThat(pipeline.stats().stream("frames").matched()).isEqualTo(2_000);
      assertThat(pipeline.stats().output("all").delivered()).isEqualTo(3_000);

      // A restart resumes from the cursors: new events only, nothing twice.
      Fixtures.fill(store, 3_001, 3_300);
      Pipeline again = Pipeline.start(spec, store, new Outputs(), null);
      assertThat(again.drain(Duration.ofSeconds(60))).isTrue();
      assertThat(seqs(Fixtures.lines(all))).hasSize(3_300).doesNotHaveDuplicates().isSorted();
      assertThat(ledger.stats()).containsKeys("output:all", "stream:frames");
    }
  }

  @Test
  void aPipelineThatReplacesAnotherCountsNoEventTwiceThoughItReadsSomeAgain() throws Exception {
    Path frames = dir.resolve("out/frames.jsonl");
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", null, "frames")),
        List.of(Fixtures.file("frames", frames)));
    PipelineStats stats = new PipelineStats();
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 900);
      assertThat(Pipeline.start(spec, store, new Outputs(), null, stats).drain(Duration.ofSeconds(60))).isTrue();
      assertThat(stats.stream("frames").matched()).isEqualTo(600);
      // As after a reload that came before the output confirmed its last writes: its cursor is
      // behind what the stage read, so the next pipeline reads those events again.
      new DeliveryLedger(store).saveCursor("frames", 300);
      Fixtures.fill(store, 901, 1_200);
      assertThat(Pipeline.start(spec, store, new Outputs(), null, stats).drain(Duration.ofSeconds(60))).isTrue();
      assertThat(stats.stream("frames").matched()).as("the 200 new frames only").isEqualTo(800);
      assertThat(stats.stream("frames").transformed()).isEqualTo(800);
      assertThat(stats.output("frames").delivered()).as("frames after seq 300 delivered again, as at-least-once allows")
          .isEqualTo(600 + 600);
    }
  }

  @Test
  void aTransformFailureIsDeadLetteredOnceAlsoWhenAReloadReadsTheEventAgain() throws Exception {
    // Fault injection: a transform that fails on every even seq.
    TransformCompiler failingOnEven = (stream, source) -> new EventTransform() {
      @Override
      public Outcome apply(CaptureEvent event) {
        return event.seq() % 2 == 0 ? new Outcome.Failed("even seq " + event.seq())
            : EventTransform.IDENTITY.apply(event);
      }

      @Override
      public void close() {}
    };
    Path frames = dir.resolve("out/frames.jsonl");
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", "fail on even", "frames")),
        List.of(Fixtures.file("frames", frames)));
    PipelineStats stats = new PipelineStats();
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 900);
      assertThat(Pipeline.start(spec, store, new Outputs(), failingOnEven, stats).drain(Duration.ofSeconds(60))).isTrue();
      DeliveryLedger ledger = new DeliveryLedger(store);
      assertThat(ledger.deadLetters("frames", 10_000)).hasSize(300);
      ledger.saveCursor("frames", 300); // a reload before the output confirmed its last writes
      Fixtures.fill(store, 901, 1_200);
      assertThat(Pipeline.start(spec, store, new Outputs(), failingOnEven, stats).drain(Duration.ofSeconds(60))).isTrue();
      assertThat(ledger.deadLetters("frames", 10_000)).as("the 100 even frames among the new ones only")
          .hasSize(400).extracting(DeliveryLedger.DeadLetter::sourceSeq).doesNotHaveDuplicates();
      assertThat(stats.stream("frames").failed()).isEqualTo(400);
      assertThat(seqs(Fixtures.lines(frames))).as("odd frames after seq 300 written again, as at-least-once allows")
          .hasSize(300 + 200 + 100);
    }
  }

  @Test
  void anOutputThatFailsForAWhileReceivesEverythingOnceItRecovers() throws Exception {
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", null, "flaky-a")),
        List.of(new OutputSpec("flaky-a", "flaky", true, Map.of("fail_writes", 4))));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 1_500);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      assertThat(pipeline.drain(Duration.ofSeconds(60))).isTrue();
      List<OutputRecord> delivered = FlakyOutputFactory.DELIVERED.get("flaky-a");
      assertThat(delivered).extracting(OutputRecord::sourceSeq).hasSize(1_000).doesNotHaveDuplicates().isSorted();
      assertThat(pipeline.stats().output("flaky-a").retries()).isEqualTo(4);
      assertThat(pipeline.stats().output("flaky-a").lastError()).contains("injected failure");
      assertThat(pipeline.stats().output("flaky-a").health()).isIn("ok", "stopped");
      // The backlog built up while it failed went out in writes joining several reads of the store
      // (each read of 500 events holds 333 or 334 frames), never above the output's limit.
      assertThat(FlakyOutputFactory.WRITES.get("flaky-a")).allMatch(n -> n <= FlakyOutputFactory.MAX_RECORDS_PER_WRITE)
          .anyMatch(n -> n > 334);
    }
  }

  @Test
  void anOutputThatRefusesARecordPastTheEndOfAWholeDeliveredWriteLosesNothing() throws Exception {
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", null, "flaky-c")),
        List.of(new OutputSpec("flaky-c", "flaky", true, Map.of("refuse_past_the_end", true))));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 1_500);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      assertThat(pipeline.drain(Duration.ofSeconds(30))).as("the pipeline delivered everything").isTrue();
      assertThat(FlakyOutputFactory.DELIVERED.get("flaky-c")).extracting(OutputRecord::sourceSeq)
          .hasSize(1_000).doesNotHaveDuplicates().isSorted();
      assertThat(pipeline.stats().output("flaky-c").deadLettered()).isZero();
      assertThat(new DeliveryLedger(store).deadLetters("frames", 10)).isEmpty();
    }
  }

  @Test
  void anOutputStoppedByAnErrorOfItsCodeSaysWhyAndHoldsUpNoOtherOutput() throws Exception {
    Path out = dir.resolve("out/frames.jsonl");
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", null, "broken", "file")),
        List.of(new OutputSpec("broken", "flaky", true, Map.of("missing_class", "com/example/Missing")),
            Fixtures.file("file", out)));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      // More reads of the store than the broken output's queue holds: a stage waiting for it would stall.
      Fixtures.fill(store, 1, 30_000);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      assertThat(pipeline.drain(Duration.ofSeconds(60))).as("drained, with one output stopped").isFalse();
      assertThat(pipeline.stoppedByErrors())
          .containsExactly("output broken stopped on an error: java.lang.NoClassDefFoundError: com/example/Missing");
      assertThat(seqs(Fixtures.lines(out))).as("the other output got every frame").hasSize(20_000);
      PipelineStats.OutputCounters broken = pipeline.stats().output("broken");
      assertThat(broken.health()).isEqualTo("failing");
      assertThat(broken.lastError()).isEqualTo("stopped on an error: java.lang.NoClassDefFoundError: com/example/Missing");
      assertThat(new DeliveryLedger(store).cursor("broken").orElse(0)).as("nothing counted delivered to the broken output")
          .isZero();
    }
  }

  @Test
  void anOutputThatIsDownHoldsUpNoOtherOutputOfItsStream() throws Exception {
    Path out = dir.resolve("out/frames.jsonl");
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", null, "down", "file")),
        List.of(new OutputSpec("down", "flaky", true, Map.of("fail_writes", Integer.MAX_VALUE)), Fixtures.file("file", out)));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      // 20,000 frames: many more batches than the queue of the output that is down holds.
      Fixtures.fill(store, 1, 30_000);
      try (Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null)) {
        TransformIsolationTest.await(Duration.ofSeconds(60), () -> TransformIsolationTest.lines(out).size() >= 20_000);
        assertThat(seqs(Fixtures.lines(out))).hasSize(20_000).doesNotHaveDuplicates().isSorted();
        assertThat(pipeline.stats().output("down").health()).isEqualTo("failing");
        assertThat(pipeline.stats().stream("frames").matched()).isEqualTo(20_000);
      }
      assertThat(new DeliveryLedger(store).cursor("down").orElse(0)).as("nothing counted delivered to it").isZero();
    }
  }

  @Test
  void anOutputThatFellBehindGetsEveryRecordOnceItRecoversAndNoEventIsCountedTwice() throws Exception {
    AtomicInteger compiled = new AtomicInteger();
    TransformCompiler identity = countingIdentity(compiled);
    Path out = dir.resolve("out/frames.jsonl");
    PipelineSpec spec = downForThreeSecondsBesideAFile("late", out);
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 30_000);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), identity);
      assertThat(pipeline.drain(Duration.ofSeconds(60))).isTrue();
      assertThat(FlakyOutputFactory.DELIVERED.get("late")).extracting(OutputRecord::sourceSeq).hasSize(20_000)
          .doesNotHaveDuplicates().isSorted();
      assertThat(seqs(Fixtures.lines(out))).hasSize(20_000).doesNotHaveDuplicates().isSorted();
      assertThat(compiled).as("the transform compiled again for the output that read on its own").hasValue(2);
      PipelineStats.StreamCounters frames = pipeline.stats().stream("frames");
      assertThat(frames.matched()).isEqualTo(20_000);
      assertThat(frames.transformed()).isEqualTo(20_000);
      assertThat(new DeliveryLedger(store).cursor("late")).hasValue(30_000);
    }
  }

  @Test
  void anOutputThatCaughtUpReadsWithItsStreamAgainAndGetsEveryRecordOnce() throws Exception {
    AtomicInteger compiled = new AtomicInteger();
    TransformCompiler identity = countingIdentity(compiled);
    Path out = dir.resolve("out/frames.jsonl");
    PipelineSpec spec = downForThreeSecondsBesideAFile("back", out);
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 30_000);
      DeliveryLedger ledger = new DeliveryLedger(store);
      boolean shownCatchingUp = false;
      boolean savedCatchingUp = false;
      try (Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), identity)) {
        // Events keep coming while the output is down, catches up and is read for with its stream again.
        for (long from = 30_001; from <= 60_000; from += 300) {
          Fixtures.fill(store, from, from + 299);
          Thread.sleep(50);
          shownCatchingUp |= pipeline.stats().output("back").catchingUp();
          savedCatchingUp |= String.valueOf(ledger.stats().get("output:back")).contains("\"catching_up\":true");
        }
        TransformIsolationTest.await(Duration.ofSeconds(60), () -> Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().equals("datasipper-catch-up-back")));
        assertThat(pipeline.stats().output("back").catchingUp()).as("read for with its stream again").isFalse();
        assertThat(pipeline.stats().output("file").catchingUp()).isFalse();
        Fixtures.fill(store, 60_001, 63_000);
        assertThat(pipeline.drain(Duration.ofSeconds(60))).isTrue();
      }
      assertThat(shownCatchingUp).as("the output's figures say it reads on its own while it does").isTrue();
      assertThat(savedCatchingUp).as("and so do those saved for streams stats").isTrue();
      assertThat(ledger.stats().get("output:back")).contains("\"catching_up\":false");
      assertThat(compiled).as("the transform compiled again for the output that read on its own").hasValueGreaterThan(1);
      assertThat(FlakyOutputFactory.DELIVERED.get("back")).extracting(OutputRecord::sourceSeq).hasSize(42_000)
          .doesNotHaveDuplicates().isSorted();
      assertThat(seqs(Fixtures.lines(out))).hasSize(42_000).doesNotHaveDuplicates().isSorted();
      assertThat(new DeliveryLedger(store).cursor("back")).hasValue(63_000);
    }
  }

  @Test
  void anOutputThatFallsBehindAgainSoonAfterCatchingUpStaysOnItsOwnAWhileOnceCaughtUp() throws Exception {
    Path out = dir.resolve("out/frames.jsonl");
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", null, "flapping", "file")),
        List.of(new OutputSpec("flapping", "flaky", true, Map.of("retry_after_ms", 100)), Fixtures.file("file", out)));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Feed feed = new Feed(store);
      try (Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null)) {
        PipelineStats.OutputCounters flapping = pipeline.stats().output("flapping");
        FlakyOutputFactory.DOWN.put("flapping", true);
        feed.until(flapping::catchingUp, "the output, down, falls behind");
        FlakyOutputFactory.DOWN.put("flapping", false);
        feed.until(() -> !flapping.catchingUp(), "the output, up again, reads with its stream again");

        long fellAgain = System.nanoTime();
        FlakyOutputFactory.DOWN.put("flapping", true);
        feed.until(flapping::catchingUp, "the output, down again, falls behind again");
        FlakyOutputFactory.DOWN.put("flapping", false);
        long last = store.maxSeq();
        DeliveryLedger ledger = new DeliveryLedger(store);
        TransformIsolationTest.await(Duration.ofSeconds(30), () -> ledger.cursor("flapping").orElse(0) == last);
        TransformIsolationTest.await(Duration.ofSeconds(30), () -> !flapping.catchingUp());
        assertThat(Duration.ofNanos(System.nanoTime() - fellAgain))
            .as("on its own, though caught up, until it has been so for the hold of a second fall soon after the first")
            .isGreaterThanOrEqualTo(RejoinHold.FIRST);
        assertThat(pipeline.drain(Duration.ofSeconds(60))).isTrue();
        int frames = (int) (last - last / 3); // every third event stored is an HTTP exchange
        assertThat(FlakyOutputFactory.DELIVERED.get("flapping")).extracting(OutputRecord::sourceSeq)
            .hasSize(frames).doesNotHaveDuplicates().isSorted();
        assertThat(seqs(Fixtures.lines(out))).hasSize(frames).doesNotHaveDuplicates().isSorted();
      }
    }
  }

  /** Frames stored as the capture stores them: 300 every 50 ms. */
  private static final class Feed {
    private final EventStore store;
    private long next = 1;

    Feed(EventStore store) {
      this.store = store;
    }

    /** Goes on storing frames until {@code done}; fails after 30 s. */
    void until(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!done.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(what + ": not within 30 s");
        }
        Fixtures.fill(store, next, next + 299);
        next += 300;
        Thread.sleep(50);
      }
    }
  }

  /** Compiles every transform as the identity, counting the compilations. */
  private static TransformCompiler countingIdentity(AtomicInteger compiled) {
    return (stream, source) -> {
      compiled.incrementAndGet();
      return new EventTransform() {
        @Override
        public Outcome apply(CaptureEvent event) {
          return EventTransform.IDENTITY.apply(event);
        }

        @Override
        public void close() {}
      };
    };
  }

  /** The frames, through a transform, to the output {@code down} and to a file beside it. */
  private static PipelineSpec downForThreeSecondsBesideAFile(String down, Path file) {
    return new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", "identity", down, "file")),
        // Down for 3 s: 30 failed writes, each asking for 100 ms of rest.
        List.of(new OutputSpec(down, "flaky", true, Map.of("fail_writes", 30, "retry_after_ms", 100)),
            Fixtures.file("file", file)));
  }

  @Test
  void anOutputWhoseStopFailsStillEndsStoppedWithEverythingDelivered() throws Exception {
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", null, "shaky")),
        List.of(new OutputSpec("shaky", "flaky", true, Map.of("stop_fails", true))));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 300);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      assertThat(pipeline.drain(Duration.ofSeconds(30))).isTrue();
      assertThat(pipeline.stats().output("shaky").health()).isEqualTo("stopped");
      assertThat(FlakyOutputFactory.DELIVERED.get("shaky")).hasSize(200);
    }
  }

  @Test
  void aStreamThatCannotReadTheStoreForAWhileGoesOnOnceItCan() throws Exception {
    Path out = dir.resolve("out/frames.jsonl");
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", null, "file")),
        List.of(Fixtures.file("file", out)));
    Path data = dir.resolve("data");
    try (EventStore store = EventStore.open(data)) {
      Fixtures.fill(store, 1, 300);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      TransformIsolationTest.await(Duration.ofSeconds(30), () -> TransformIsolationTest.lines(out).size() == 200);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(EventStore.FILE_NAME));
          Statement sql = c.createStatement()) {
        // The events out of the stream's reach for a second, during which it reads every 20 ms.
        sql.executeUpdate("ALTER TABLE events RENAME TO events_away");
        Thread.sleep(1_000);
        sql.executeUpdate("ALTER TABLE events_away RENAME TO events");
      }
      Fixtures.fill(store, 301, 600);
      assertThat(pipeline.drain(Duration.ofSeconds(30))).as("the pipeline delivered everything").isTrue();
      assertThat(seqs(Fixtures.lines(out))).hasSize(400).doesNotHaveDuplicates().isSorted();
    }
  }

  @Test
  void aRetryWaitsAsLongAsTheDestinationAskedAndTheStatsSayUntilWhen() throws Exception {
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", null, "throttled")),
        List.of(new OutputSpec("throttled", "flaky", true, Map.of("fail_writes", 1, "retry_after_ms", 1_500))));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 30);
      Instant started = Instant.now();
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      Instant retryAt = awaitRetryAt(pipeline.stats().output("throttled"));
      assertThat(retryAt).isBetween(started.plusMillis(1_400), Instant.now().plusMillis(1_500));
      assertThat(pipeline.stats().snapshot(store.maxSeq()).get("output:throttled"))
          .contains("\"next_retry_at\":\"" + retryAt + "\"");
      assertThat(pipeline.drain(Duration.ofSeconds(30))).isTrue();
      List<Long> writes = FlakyOutputFactory.WRITE_NANOS.get("throttled");
      assertThat(Duration.ofNanos(writes.get(1) - writes.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
      assertThat(FlakyOutputFactory.DELIVERED.get("throttled")).hasSize(20);
      assertThat(pipeline.stats().output("throttled").nextRetryAt()).isNull();
    }
  }

  @Test
  void aWaitAskedForIsCappedAtTenMinutesAndAStopEndsIt() throws Exception {
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", null, "throttled-long")),
        List.of(new OutputSpec("throttled-long", "flaky", true, Map.of("fail_writes", 1, "retry_after_ms", 86_400_000))));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 30);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      Instant retryAt = awaitRetryAt(pipeline.stats().output("throttled-long"));
      assertThat(retryAt).isBetween(Instant.now().plus(Duration.ofMinutes(9)), Instant.now().plus(Duration.ofMinutes(10)));
      long stopping = System.nanoTime();
      pipeline.close();
      assertThat(pipeline.awaitStopped(Duration.ofSeconds(1))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - stopping)).as("stopped without waiting out the retry")
          .isLessThan(Duration.ofSeconds(3));
      assertThat(FlakyOutputFactory.WRITES.get("throttled-long")).hasSize(1);
      assertThat(new DeliveryLedger(store).cursor("throttled-long")).as("the frames stay pending").hasValue(0);
    }
  }

  @Test
  void aDestinationAskingForNoWaitIsStillNotAskedAgainAtOnce() throws Exception {
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", null, "throttled-zero")),
        List.of(new OutputSpec("throttled-zero", "flaky", true, Map.of("fail_writes", 3, "retry_after_ms", 0))));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 30);
      assertThat(Pipeline.start(spec, store, new Outputs(), null).drain(Duration.ofSeconds(30))).isTrue();
      List<Long> writes = FlakyOutputFactory.WRITE_NANOS.get("throttled-zero");
      assertThat(writes).hasSize(4);
      for (int i = 1; i < writes.size(); i++) {
        assertThat(Duration.ofNanos(writes.get(i) - writes.get(i - 1))).isGreaterThanOrEqualTo(Duration.ofMillis(100));
      }
    }
  }

  private static Instant awaitRetryAt(PipelineStats.OutputCounters output) throws InterruptedException {
    for (int i = 0; i < 500 && output.nextRetryAt() == null; i++) {
      Thread.sleep(10);
    }
    assertThat(output.nextRetryAt()).as("the output waits to retry").isNotNull();
    return output.nextRetryAt();
  }

  @Test
  void writesStartedAheadAreAllDeliveredWhenAnEarlierOneFails() throws Exception {
    // The first read of the store holds 333 frames or more: at least four writes of 100, three
    // started at once. Write 2 delivers 50 of its records and fails while writes 3 and 4 are
    // started: their records may have arrived too, so they are written again after write 2's rest.
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", null, "ahead")),
        List.of(new OutputSpec("ahead", "pipelined", true, Map.of("fail_write", 2, "delivered_before_failure", 50))));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 3_000);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      assertThat(pipeline.drain(Duration.ofSeconds(60))).isTrue();
      List<Long> frames = java.util.stream.LongStream.rangeClosed(1, 3_000).filter(s -> s % 3 != 0).boxed().toList();
      List<Long> delivered = PipelinedOutputFactory.DELIVERED.get("ahead").stream().map(OutputRecord::sourceSeq).toList();
      assertThat(delivered).containsAll(frames);
      assertThat(java.util.Set.copyOf(delivered)).hasSize(frames.size());
      // What arrived twice: the records of the two writes in flight behind the failed one.
      List<Integer> started = PipelinedOutputFactory.STARTED.get("ahead");
      assertThat(started).allMatch(n -> n <= PipelinedOutputFactory.MAX_RECORDS_PER_WRITE);
      assertThat(delivered.size() - frames.size()).isEqualTo(started.get(2) + started.get(3));
      // Each stretch without a failure arrives in order.
      assertThat(delivered.subList(delivered.size() - 1_000, delivered.size())).isSorted();
      assertThat(PipelinedOutputFactory.MOST_IN_FLIGHT.get("ahead").get())
          .isEqualTo(PipelinedOutputFactory.MAX_WRITES_IN_FLIGHT);
      assertThat(new DeliveryLedger(store).cursor("ahead")).hasValue(3_000);
      assertThat(pipeline.stats().output("ahead").delivered()).isEqualTo(frames.size());
      assertThat(pipeline.stats().output("ahead").retries()).isEqualTo(1);
    }
  }

  @Test
  void aTransformThatThrowsFailsThatEventAloneAndTheStreamGoesOn() throws Exception {
    TransformCompiler compiler = faultAtSeq10(() -> {
      throw new IllegalStateException("a plugin's bug at seq 10");
    });
    Path out = dir.resolve("out/frames.jsonl");
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", "plugin", "file")),
        List.of(Fixtures.file("file", out)));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 300);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), compiler);
      assertThat(pipeline.drain(Duration.ofSeconds(30))).as("the pipeline delivered everything").isTrue();
      List<Long> frames = java.util.stream.LongStream.rangeClosed(1, 300).filter(s -> s % 3 != 0 && s != 10).boxed().toList();
      assertThat(seqs(Fixtures.lines(out))).containsExactlyElementsOf(frames);
      assertThat(new DeliveryLedger(store).deadLetters("frames", 10)).singleElement().satisfies(dead -> {
        assertThat(dead.sourceSeq()).isEqualTo(10);
        assertThat(dead.error()).isEqualTo("java.lang.IllegalStateException: a plugin's bug at seq 10");
      });
      assertThat(pipeline.stats().stream("frames").failed()).isEqualTo(1);
    }
  }

  @Test
  void aStreamStoppedByAnErrorOfItsTransformSaysWhyAndTheOtherStreamsGoOn() throws Exception {
    TransformCompiler compiler = faultAtSeq10(() -> {
      throw new NoClassDefFoundError("com/example/Missing");
    });
    Path frames = dir.resolve("out/frames.jsonl");
    Path calls = dir.resolve("out/calls.jsonl");
    PipelineSpec spec = new PipelineSpec(
        List.of(Fixtures.stream("frames", "ws_frame", "plugin", "frames"), Fixtures.stream("calls", "http", null, "calls")),
        List.of(Fixtures.file("frames", frames), Fixtures.file("calls", calls)));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 3_000);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), compiler);
      assertThat(pipeline.drain(Duration.ofSeconds(30))).as("drained, with one stream stopped").isFalse();
      assertThat(pipeline.stoppedByErrors())
          .containsExactly("stream frames stopped on an error: java.lang.NoClassDefFoundError: com/example/Missing");
      assertThat(pipeline.stats().stream("frames").lastError.get())
          .isEqualTo("stopped on an error: java.lang.NoClassDefFoundError: com/example/Missing");
      assertThat(seqs(Fixtures.lines(calls))).as("the other stream delivered every call").hasSize(1_000);
      assertThat(new DeliveryLedger(store).cursor("frames").orElse(0)).as("nothing of the stopped stream passed")
          .isLessThan(10);
    }
  }

  @Test
  void refusedRecordsAndFailedTransformsGoToDeadLettersAndTheRestFlows() throws Exception {
    // The transform marks every 5th frame for rejection and fails on every 7th.
    TransformCompiler compiler = (stream, source) -> new EventTransform() {
      @Override
      public Outcome apply(CaptureEvent event) {
        long seq = event.seq();
        if (seq % 7 == 0) {
          return new Outcome.Failed("TypeError: boom at seq " + seq);
        }
        return new Outcome.Records(List.of(JSON.createObjectNode().put("seq", seq).put("reject", seq % 5 == 0).toString()));
      }

      @Override
      public void close() {}
    };
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", "js", "flaky-b")),
        List.of(new OutputSpec("flaky-b", "flaky", true, Map.of())));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 300);
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), compiler);
      assertThat(pipeline.drain(Duration.ofSeconds(60))).isTrue();
      List<Long> frames = java.util.stream.LongStream.rangeClosed(1, 300).filter(s -> s % 3 != 0).boxed().toList();
      List<Long> expected = frames.stream().filter(s -> s % 7 != 0 && s % 5 != 0).toList();
      assertThat(FlakyOutputFactory.DELIVERED.get("flaky-b")).extracting(OutputRecord::sourceSeq)
          .containsExactlyElementsOf(expected);
      List<DeliveryLedger.DeadLetter> dead = new DeliveryLedger(store).deadLetters("frames", 1_000);
      long rejected = frames.stream().filter(s -> s % 7 != 0 && s % 5 == 0).count();
      long failed = frames.stream().filter(s -> s % 7 == 0).count();
      assertThat(dead).hasSize((int) (rejected + failed));
      assertThat(dead).filteredOn(d -> d.output() == null).hasSize((int) failed)
          .allSatisfy(d -> assertThat(d.error()).startsWith("TypeError: boom"));
      assertThat(pipeline.stats().stream("frames").failed()).isEqualTo(failed);
      assertThat(pipeline.stats().output("flaky-b").deadLettered()).isEqualTo(rejected);
    }
  }

  @Test
  void replayDeliversAStoredRangeAgainWithoutMovingCursors() throws Exception {
    Path out = dir.resolve("replay.jsonl");
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("calls", "http", null, "backfill")),
        List.of(Fixtures.file("backfill", out)));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 900);
      PipelineStats stats = Pipeline.replay(spec, store, new Outputs(), null, "calls",
          e -> e.seq() >= 301 && e.seq() <= 600, Duration.ofSeconds(60));
      assertThat(seqs(Fixtures.lines(out))).containsExactlyElementsOf(
          java.util.stream.LongStream.rangeClosed(301, 600).filter(s -> s % 3 == 0).boxed().toList());
      assertThat(stats.output("backfill").delivered()).isEqualTo(100);
      assertThat(new DeliveryLedger(store).cursor("backfill")).isEmpty();
    }
  }

  /** A transform plugin making {@code {"seq": N}} of each event, that runs {@code fault} (which throws) at seq 10. */
  private static TransformCompiler faultAtSeq10(Runnable fault) {
    return (stream, source) -> new EventTransform() {
      @Override
      public Outcome apply(CaptureEvent event) {
        if (event.seq() == 10) {
          fault.run();
        }
        return new Outcome.Records(List.of(JSON.createObjectNode().put("seq", event.seq()).toString()));
      }

      @Override
      public void close() {}
    };
  }

  static List<Long> seqs(List<String> lines) {
    return lines.stream().map(l -> {
      try {
        return JSON.readTree(l).path("seq").asLong();
      } catch (java.io.IOException e) {
        throw new AssertionError("not JSON: " + l, e);
      }
    }).toList();
  }
}
