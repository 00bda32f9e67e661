package io.datasipper.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The heap a script keeps across events is limited, and the error names that limit. */
class HeapLimitTest {
  static JsTransforms transforms;

  @BeforeAll
  static void engine() {
    transforms = new JsTransforms();
  }

  @AfterAll
  static void close() {
    transforms.close();
  }

  @Test
  void aScriptThatKeepsMoreThanItsLimitAcrossEventsFailsAnEventAndStartsAfresh() throws Exception {
    // 2 MiB kept per event: each event allocates little, the sum reaches the 16 MiB limit within ~10.
    Limits limits = Limits.DEFAULT.withMaxHeapBytes(16L << 20);
    try (JsTransform t = transforms.compile("hoarder", """
        const kept = [];
        function transform(e) {
          kept.push(new Array(1 << 18).fill(e.seq + 0.5));
          return {kept: kept.length};
        }""", limits)) {
      List<String> errors = new ArrayList<>();
      int keptAfterFailure = -1;
      for (int seq = 0; seq < 400 && keptAfterFailure < 0; seq++) {
        TransformResult r = t.apply(TestEvents.http(seq));
        if (r instanceof TransformResult.Failed f) {
          errors.add(f.error());
        } else if (!errors.isEmpty()) {
          keptAfterFailure = ((TransformResult.Emit) r).events().getFirst().get("kept").asInt();
        }
        Thread.sleep(2); // the heap watch looks every 10 ms
      }
      assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith("kept more than 16 MiB in memory"));
      assertThat(keptAfterFailure).as("the script starts afresh after the failure").isEqualTo(1);
    }
  }

  @Test
  void aWalkThatCountedTheStackOfAnEventThatHasEndedFailsNoLaterEvent() throws Exception {
    try (JsTransform t = transforms.compile("burst", """
        function transform(e) {
          return {seq: e.seq};
        }""", Limits.DEFAULT.withMaxHeapBytes(16L << 20))) {
      assertThat(t.apply(TestEvents.http(0))).isInstanceOf(TransformResult.Emit.class);
      // The heap watch's report of a walk that began while an event held 100 MiB on its stack and
      // ended after that event did (stopped by its time or allocation limit, its stack gone with it).
      t.keptTooMuch(t.heapHandle(), 100L << 20, 1);
      TransformResult next = t.apply(TestEvents.http(1));
      assertThat(next).isInstanceOf(TransformResult.Emit.class);
      assertThat(((TransformResult.Emit) next).events().getFirst().get("seq").asInt()).isEqualTo(2);
    }
  }

  @Test
  void aWalkThatBeganDuringAnEarlierEventDoesNotStopTheEventRunningNow() throws Exception {
    Limits limits = new Limits(Duration.ofSeconds(20), 100_000_000, 1L << 30, 16L << 20, 100_000, 0);
    try (JsTransform t = transforms.compile("busy", """
        function transform(e) {
          let x = 0;
          for (let i = 0; i < 1e6; i++) { x += i; } // long enough to be caught running
          return {seq: e.seq, x};
        }""", limits)) {
      int caught = 0;
      for (int seq = 0; seq < 50 && caught < 3; seq++) {
        AtomicBoolean running = new AtomicBoolean();
        Thread heapWatch = Thread.ofPlatform().daemon().start(() -> {
          long deadline = System.nanoTime() + 2_000_000_000L;
          long n;
          while ((n = t.runningEvent()) == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
          }
          if (n != 0) {
            running.set(true);
            // The report of a walk that began during the event before this one and ended just now.
            t.keptTooMuch(t.heapHandle(), 100L << 20, n - 1);
          }
        });
        TransformResult r = t.apply(TestEvents.http(seq));
        heapWatch.join();
        if (running.get()) {
          caught++;
          assertThat(r).as("event %d, running when the report came", seq).isInstanceOf(TransformResult.Emit.class);
        }
      }
      assertThat(caught).as("events caught running").isPositive();
      assertThat(t.apply(TestEvents.http(99))).as("the event after").isInstanceOf(TransformResult.Emit.class);
    }
  }

  @Test
  void aScriptWithinItsLimitKeepsItsState() throws Exception {
    try (JsTransform t = transforms.compile("counter", """
        let count = 0;
        function transform(e) {
          count++;
          const garbage = new Array(1 << 16).fill(e.seq); // 512 KiB allocated, none of it kept
          return {count, n: garbage.length};
        }""", Limits.DEFAULT.withMaxHeapBytes(16L << 20))) {
      TransformResult last = null;
      for (int seq = 0; seq < 300; seq++) { // 150 MiB allocated: the heap watch measures it several times
        last = t.apply(TestEvents.http(seq));
        assertThat(last).isInstanceOf(TransformResult.Emit.class);
      }
      assertThat(((TransformResult.Emit) last).events().getFirst().get("count").asInt()).isEqualTo(300);
    }
  }
}
