package io.datasipper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsErrorEvent;
import io.datasipper.api.event.WsOpenEvent;
import io.datasipper.store.EventQuery;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoredEvent;
import io.datasipper.testkit.SampleEvents;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageKeysTest {
  private static final Instant T0 = SampleEvents.T0;
  @TempDir Path dir;

  @Test
  void aStoredEventIsKeyedWithoutReadingItAsItWouldBeOnceRead() throws Exception {
    List<CaptureEvent> events = List.of(
        SampleEvents.call(1),
        new WsOpenEvent("open-2", 2, T0, "conn-1", "ws://127.0.0.1/live", List.of(new EventHeader("Upgrade", "websocket")),
            101, List.of(), SampleEvents.TAB),
        SampleEvents.frame(3, "conn-7", "{\"connection_id\":\"not this\"}"),
        new WsCloseEvent("close-4", 4, T0, "conn-1", "ws://127.0.0.1/live", SampleEvents.TAB),
        new WsErrorEvent("error-5", 5, T0, "conn-2", "ws://127.0.0.1/bad", "Invalid frame header", SampleEvents.TAB),
        new SseEvent("sse-6", 6, T0, "req-9", "http://127.0.0.1/events", "tick", "42", "{}", SseEvent.Via.FETCH,
            SampleEvents.TAB),
        new CaptureGapEvent("gap-7", 7, T0, 3, 768, T0, T0, "store fell behind"),
        new CaptureErrorEvent("crash-8", 8, T0, "target_crashed", "tab crashed"));
    try (EventStore store = EventStore.open(dir)) {
      store.insert(events);
      List<StoredEvent> stored = store.queryStored(EventQuery.all());
      List<String> keys = stored.stream().map(Stage::keyOf).toList();
      assertThat(stored).noneMatch(StoredEvent::isRead);
      assertThat(keys).containsExactly("e1", "conn-1", "conn-7", "conn-1", "conn-2", "req-9", "gap-7", "crash-8");
      assertThat(keys).containsExactlyElementsOf(events.stream().map(CaptureEvent::deliveryKey).toList());
    }
  }
}
