package io.datasipper.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
