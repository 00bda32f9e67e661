package io.datasipper.store;

import static io.datasipper.store.TestEvents.frame;
import static io.datasipper.store.TestEvents.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.api.event.CaptureEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RingBufferTest {

  @Test
  void keepsOnlyTheLatestN() {
    RingBuffer ring = new RingBuffer(3, RingBuffer.DEFAULT_MAX_BYTES);
    for (long seq = 1; seq <= 5; seq++) {
      ring.add(http(seq, "http://a/"));
    }
    assertThat(ring.size()).isEqualTo(3);
    assertThat(seqs(ring.latest(10))).containsExactly(3L, 4L, 5L);
    assertThat(seqs(ring.latest(2))).containsExactly(4L, 5L);
    assertThat(ring.latest(0)).isEmpty();
  }

  @Test
  void sinceReturnsTheNewerEventsStillHeld() {
    RingBuffer ring = new RingBuffer(4, RingBuffer.DEFAULT_MAX_BYTES);
    assertThat(ring.since(0)).isEmpty();
    for (long seq = 1; seq <= 6; seq++) {
      ring.add(http(seq, "http://a/"));
    }
    assertThat(seqs(ring.since(4))).containsExactly(5L, 6L);
    assertThat(seqs(ring.since(6))).isEmpty();
    assertThat(seqs(ring.since(0))).as("1 and 2 were pushed out").containsExactly(3L, 4L, 5L, 6L);
  }

  @Test
  void listenersSeeEveryAddUntilUnsubscribedAndAFailingOneIsRemoved() {
    RingBuffer ring = new RingBuffer(2, RingBuffer.DEFAULT_MAX_BYTES);
    List<Long> seen = new ArrayList<>();
    AtomicInteger brokenCalls = new AtomicInteger();
    ring.subscribe(e -> {
      brokenCalls.incrementAndGet();
      throw new IllegalStateException("broken live reader");
    });
    RingBuffer.Subscription subscription = ring.subscribe(e -> seen.add(e.seq()));
    ring.add(http(1, "http://a/"));
    ring.add(http(2, "http://a/"));
    subscription.close();
    ring.add(http(3, "http://a/"));
    assertThat(seen).containsExactly(1L, 2L);
    assertThat(brokenCalls).hasValue(1);
    assertThat(seqs(ring.latest(2))).containsExactly(2L, 3L);
  }

  @Test
  void largeEventsAreBoundByBytesAndTheNewestAreKept() {
    long mib = 1024 * 1024;
    RingBuffer ring = new RingBuffer(RingBuffer.DEFAULT_MAX_EVENTS, 8 * mib);
    for (long seq = 1; seq <= 100; seq++) {
      ring.add(frame(seq, "ws://a/", (int) mib));
      assertThat(ring.heldBytes()).isLessThanOrEqualTo(8 * mib);
    }
    // Each event is a little over 1 MiB, so seven fit in 8 MiB: the last seven added.
    assertThat(seqs(ring.latest(100))).containsExactly(94L, 95L, 96L, 97L, 98L, 99L, 100L);
    assertThat(seqs(ring.since(0))).containsExactly(94L, 95L, 96L, 97L, 98L, 99L, 100L);
    assertThat(ring.heldBytes()).isEqualTo(ring.latest(100).stream().mapToLong(CaptureEvent::approximateBytes).sum());
  }

  @Test
  void smallEventsAreStillBoundByCount() {
    RingBuffer ring = new RingBuffer(5, 8L * 1024 * 1024);
    for (long seq = 1; seq <= 50; seq++) {
      ring.add(frame(seq, "ws://a/", 100));
    }
    assertThat(seqs(ring.latest(50))).containsExactly(46L, 47L, 48L, 49L, 50L);
  }

  @Test
  void anEventLargerThanTheWholeBoundIsNotHeldButReachesListenersAndLeavesAGapForReaders() {
    RingBuffer ring = new RingBuffer(100, 64 * 1024);
    List<Long> seen = new ArrayList<>();
    ring.subscribe(e -> seen.add(e.seq()));
    ring.add(frame(1, "ws://a/", 100));
    ring.add(frame(2, "ws://a/", 100 * 1024));
    ring.add(frame(3, "ws://a/", 100));
    assertThat(seen).containsExactly(1L, 2L, 3L);
    assertThat(seqs(ring.since(0))).as("a reader after seq 0 sees 3 is not 1 and reads 1 and 2 from the store")
        .containsExactly(3L);
    assertThat(ring.heldBytes()).isLessThanOrEqualTo(64 * 1024);
  }

  @Test
  void needsARoomForAtLeastOneEventAndOneByte() {
    assertThatThrownBy(() -> new RingBuffer(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RingBuffer(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Long> seqs(List<CaptureEvent> events) {
    return events.stream().map(CaptureEvent::seq).toList();
  }
}
