package io.datasipper.pipeline;

import io.datasipper.api.transform.EventTransform;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsErrorEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.route.Router;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import io.datasipper.store.SeqReader;
import io.datasipper.store.StoredEvent;
import io.datasipper.store.UncheckedStoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads stored events in seq order, routes each into its streams, runs the streams' transforms and
 * hands each output the records bound for it. One thread: transforms are single-threaded, and one
 * reader keeps every stream in order.
 */
final class Stage {
  private static final Logger LOG = LoggerFactory.getLogger(Stage.class);
  private static final int EVENTS_PER_READ = 500;
  /** How long an idle stage waits before looking again for events written by another process. */
  private static final Duration IDLE_POLL = Duration.ofMillis(20);

  private final EventStore store;
  private final DeliveryLedger ledger;
  private final Router router;
  private final Map<String, StreamSpec> streams = new HashMap<>();
  private final Map<String, EventTransform> transforms;
  private final Map<String, OutputWorker> workers;
  private final PipelineStats stats;
  private final String onlyStream;
  private volatile boolean stopping;
  private volatile long drainTo = Long.MAX_VALUE;
  private long cursor;

  /**
   * @param from read events after this seq
   * @param onlyStream when not null, only this stream's records are made (replay of one stream)
   */
  Stage(EventStore store, DeliveryLedger ledger, List<StreamSpec> specs, Map<String, EventTransform> transforms,
      Map<String, OutputWorker> workers, PipelineStats stats, long from, String onlyStream) {
    this.store = store;
    this.ledger = ledger;
    this.router = new Router(specs.stream().map(StreamSpec::rule).toList());
    specs.forEach(s -> streams.put(s.name(), s));
    this.transforms = transforms;
    this.workers = workers;
    this.stats = stats;
    this.cursor = from;
    this.onlyStream = onlyStream;
  }

  /** Ends the run once every event up to this seq has been handed over. */
  void drainTo(long seq) {
    drainTo = seq;
  }

  void stop() {
    stopping = true;
  }

  /**
   * Runs until stopped or drained; then tells the workers no more batches come.
   *
   * @param selected the events to handle; {@link Pipeline#ALL_EVENTS} for all of them, which lets
   *     events whose streams follow from their type alone go through without being read
   */
  void run(Predicate<CaptureEvent> selected) throws InterruptedException {
    boolean all = selected == Pipeline.ALL_EVENTS;
    try (SeqReader reader = store.openSeqReader()) {
      while (!stopping && cursor < drainTo) {
        List<StoredEvent> events = reader.after(cursor, EVENTS_PER_READ);
        if (events.isEmpty()) {
          if (drainTo != Long.MAX_VALUE) {
            break; // draining and nothing more is stored
          }
          store.awaitCommitAfter(cursor, IDLE_POLL);
          continue;
        }
        long lastSeq = events.getLast().seq();
        List<StoredEvent> inRange = readableAndSelected(events, all ? null : selected);
        // Handed over even when empty: the outputs' cursors then move past what was set aside.
        if (!handOver(inRange.isEmpty() ? nothing() : process(inRange), lastSeq)) {
          return;
        }
        stats.countedThrough(lastSeq);
        cursor = lastSeq;
      }
    } finally {
      for (OutputWorker w : workers.values()) {
        w.offer(Batch.END);
      }
    }
  }

  /**
   * The events to handle: those {@code selected} accepts (all when it is null), less those that
   * cannot be read back, which go to the dead letters of {@link Pipeline#UNREADABLE}.
   */
  private List<StoredEvent> readableAndSelected(List<StoredEvent> events, Predicate<CaptureEvent> selected)
      throws InterruptedException {
    List<StoredEvent> kept = new ArrayList<>(events.size());
    List<DeliveryLedger.DeadLetter> unreadable = new ArrayList<>();
    for (StoredEvent stored : events) {
      try {
        if (stored.unreadable() != null) {
          setAside(stored, stored.unreadable(), unreadable);
        } else if (selected == null || selected.test(stored.event())) {
          kept.add(stored);
        }
      } catch (UncheckedStoreException e) {
        setAside(stored, e.getMessage(), unreadable); // parses, but is no event this version knows
      }
    }
    recordDeadLetters(unreadable);
    return kept;
  }

  /** Dead-letters a stored event that cannot be read back; once, also when a reload reads it again. */
  private void setAside(StoredEvent stored, String reason, List<DeliveryLedger.DeadLetter> deadLetters) {
    if (stored.seq() <= stats.countedThrough()) {
      return;
    }
    PipelineStats.StreamCounters counters = stats.stream(Pipeline.UNREADABLE);
    counters.matched.increment();
    counters.failed.increment();
    counters.lastError.set(reason);
    // No copy of the text: it stays in the store, under this seq.
    deadLetters.add(new DeliveryLedger.DeadLetter(Instant.now(), Pipeline.UNREADABLE, null, stored.seq(), stored.id(),
        null, reason));
    LOG.warn("{}; it went to the dead letters of {}", reason, Pipeline.UNREADABLE);
  }

  private Map<String, List<OutputRecord>> nothing() {
    Map<String, List<OutputRecord>> byOutput = new HashMap<>();
    workers.keySet().forEach(o -> byOutput.put(o, new ArrayList<>()));
    return byOutput;
  }

  private Map<String, List<OutputRecord>> process(List<StoredEvent> events) throws InterruptedException {
    Map<String, List<OutputRecord>> byOutput = nothing();
    List<DeliveryLedger.DeadLetter> failures = new ArrayList<>();
    long countedThrough = stats.countedThrough();
    for (StoredEvent stored : events) {
      try {
        route(stored, countedThrough, byOutput, failures);
      } catch (UncheckedStoreException e) {
        setAside(stored, e.getMessage(), failures); // parses, but is no event this version knows
      }
    }
    recordDeadLetters(failures);
    return byOutput;
  }

  /**
   * Records dead letters before the events they came from are handed on. Given up only when the
   * stage stops, when the outputs stop too: their cursors then stay before those events, which
   * the next run reads again.
   */
  private void recordDeadLetters(List<DeliveryLedger.DeadLetter> letters) throws InterruptedException {
    if (!letters.isEmpty()) {
      // Every output waits meanwhile: they say so, for `streams stats` to show.
      LedgerWrites.untilDone(() -> ledger.addDeadLetters(letters), () -> stopping,
          error -> workers.values().forEach(w -> w.failing(error)));
    }
  }

  private void route(StoredEvent stored, long countedThrough, Map<String, List<OutputRecord>> byOutput,
      List<DeliveryLedger.DeadLetter> failures) {
    List<String> names = router.streamsForType(stored.type());
    String key = null; // found once, for the first stream that makes records of the event
    boolean count = stored.seq() > countedThrough; // not read before by the pipeline this one replaced
    for (String name : names != null ? names : router.route(stored.event())) {
      if (count) {
        stats.stream(name).matched.increment();
      }
      StreamSpec spec = streams.get(name);
      if (spec == null || (onlyStream != null && !onlyStream.equals(name)) || !anyWants(spec, stored.seq())) {
        continue; // _unmatched, or no output of this stream still needs the event
      }
      if (key == null) {
        key = keyOf(stored);
      }
      for (OutputRecord record : records(spec, stored, key, count, failures)) {
        for (String output : spec.outputs()) {
          if (workers.get(output).startCursor() < stored.seq()) {
            byOutput.get(output).add(record);
          }
        }
      }
    }
  }

  /**
   * The stream's records of one event: the stored event itself, or what the transform made of it.
   *
   * @param count whether the stream's counters count the event (false if it was counted already)
   */
  private List<OutputRecord> records(StreamSpec spec, StoredEvent stored, String key, boolean count,
      List<DeliveryLedger.DeadLetter> failures) {
    EventTransform transform = transforms.get(spec.name());
    if (transform == null) {
      if (count) {
        stats.stream(spec.name()).transformed.increment();
      }
      return List.of(
          OutputRecord.ofJsonUtf8(spec.name(), stored.seq(), stored.id(), key, stored.type(), stored.jsonUtf8()));
    }
    List<String> values = transform(spec, transform, stored, count, failures);
    List<OutputRecord> records = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      String id = values.size() == 1 ? stored.id() : stored.id() + "#" + i;
      records.add(OutputRecord.ofJson(spec.name(), stored.seq(), id, key, stored.type(), values.get(i)));
    }
    return records;
  }

  private boolean anyWants(StreamSpec spec, long seq) {
    for (String output : spec.outputs()) {
      if (workers.get(output).startCursor() < seq) {
        return true;
      }
    }
    return false;
  }

  private List<String> transform(StreamSpec spec, EventTransform transform, StoredEvent stored, boolean count,
      List<DeliveryLedger.DeadLetter> failures) {
    PipelineStats.StreamCounters counters = stats.stream(spec.name());
    EventTransform.Outcome outcome = transform.apply(stored.event());
    return switch (outcome) {
      case EventTransform.Outcome.Records r -> {
        if (count) {
          counters.transformed.increment();
        }
        yield r.json();
      }
      case EventTransform.Outcome.Dropped d -> {
        if (count) {
          counters.dropped.increment();
        }
        yield List.of();
      }
      case EventTransform.Outcome.Failed f -> {
        counters.lastError.set(f.error());
        if (count) {
          // An event read again after a reload was counted and dead-lettered by the pipeline this one replaced.
          counters.failed.increment();
          failures.add(new DeliveryLedger.DeadLetter(Instant.now(), spec.name(), null, stored.seq(), stored.id(),
              stored.json(), f.error()));
        }
        yield List.of();
      }
    };
  }

  private boolean handOver(Map<String, List<OutputRecord>> byOutput, long lastSeq) throws InterruptedException {
    for (Map.Entry<String, List<OutputRecord>> e : byOutput.entrySet()) {
      OutputWorker worker = workers.get(e.getKey());
      if (worker.startCursor() < lastSeq && !worker.offer(new Batch(e.getValue(), lastSeq))) {
        return false;
      }
    }
    return true;
  }

  /** {@link #keyOf(CaptureEvent)}, read from the stored text alone when the event was not read. */
  static String keyOf(StoredEvent stored) {
    if (stored.isRead()) {
      return keyOf(stored.event());
    }
    String field = switch (stored.type()) {
      case WsFrameEvent.TYPE, WsOpenEvent.TYPE, WsCloseEvent.TYPE, WsErrorEvent.TYPE -> "connection_id";
      case SseEvent.TYPE -> "request_id";
      default -> null;
    };
    if (field == null) {
      return stored.id(); // an HTTP exchange, or an event of no connection: keyed by its own id
    }
    String key = EventJson.topLevelText(stored.jsonUtf8(), field);
    return key != null ? key : keyOf(stored.event());
  }

  /** Records of one connection or request share a key, so a partitioned destination keeps them in order. */
  static String keyOf(CaptureEvent event) {
    return switch (event) {
      case WsFrameEvent f -> f.connectionId();
      case WsOpenEvent o -> o.connectionId();
      case WsCloseEvent c -> c.connectionId();
      case WsErrorEvent x -> x.connectionId();
      case SseEvent s -> s.requestId();
      case HttpEvent h -> h.id();
      default -> event.id();
    };
  }
}
