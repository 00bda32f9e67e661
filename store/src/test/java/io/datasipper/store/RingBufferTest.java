package io.datasipper.store;

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
    RingBuffer ring = new RingBuffer(3);
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
    RingBuffer ring = new RingBuffer(4);
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
    RingBuffer ring = new RingBuffer(2);
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
  void needsARoomForAtLeastOneEvent() {
    assertThatThrownBy(() -> new RingBuffer(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Long> seqs(List<CaptureEvent> events) {
    return events.stream().map(CaptureEvent::seq).toList();
  }
}
