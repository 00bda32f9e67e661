package io.datasipper.export;

import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the HTTP exchange that carried each SSE stream: the event stream exchange of the same URL
 * with the stream's request id. One without a request id (imported from a HAR file, or stored by a
 * version that did not record it) is matched by time instead: the exchange of the same URL and tab
 * that was in progress when the stream's first message arrived; when several were, the one that
 * started last.
 */
final class SseJoin {
  private record Candidate(long seq, String requestId, String tabId, Instant startedAt, Instant endedAt) {}

  /** Only exchanges that can carry an event stream are kept, to bound memory. */
  private final Map<String, List<Candidate>> candidatesByUrl = new HashMap<>();

  /** Keeps the exchange if it can carry an event stream, and says whether it did. */
  boolean offer(HttpEvent e) {
    boolean eventStream = "eventsource".equals(e.resourceType())
        || (e.response() != null && "text/event-stream".equalsIgnoreCase(e.response().mimeType()));
    if (eventStream) {
      candidatesByUrl.computeIfAbsent(e.url(), k -> new ArrayList<>())
          .add(new Candidate(e.seq(), e.requestId(), tabId(e.source()), e.startedAt(), e.endedAt()));
    }
    return eventStream;
  }

  /** The streams that found their exchange, by the {@code seq} of its HttpEvent. */
  Map<Long, SseStream> match(Iterable<SseStream> streams) {
    Map<Long, SseStream> bySeq = new HashMap<>();
    for (SseStream stream : streams) {
      List<Candidate> candidates = candidatesByUrl.getOrDefault(stream.url(), List.of());
      Candidate same = candidates.stream()
          .filter(c -> c.requestId() != null && c.requestId().equals(stream.requestId()))
          .findFirst().orElse(null);
      if (same != null) {
        bySeq.put(same.seq(), stream);
        continue;
      }
      candidates.stream()
          .filter(c -> !bySeq.containsKey(c.seq()))
          .filter(c -> c.requestId() == null)
          .filter(c -> Objects.equals(c.tabId(), tabId(stream.source())))
          .filter(c -> !c.startedAt().isAfter(stream.firstAt()) && !c.endedAt().isBefore(stream.firstAt()))
          .max(Comparator.comparing(Candidate::startedAt))
          .ifPresent(c -> bySeq.put(c.seq(), stream));
    }
    return bySeq;
  }

  private static String tabId(Source s) {
    return s == null ? null : s.tabId();
  }
}
