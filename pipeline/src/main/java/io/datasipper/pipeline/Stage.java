package io.datasipper.pipeline;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.transform.EventTransform;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads stored events in seq order, routes each into the streams it owns, runs their transforms and
 * hands each output the records bound for it. One thread per stage: one stage owns the streams
 * without a transform, and each stream with a transform has a stage of its own, reading the store
 * at its own pace, so that a slow transform holds up its own stream only. The store is the buffer
 * between them: a stage that falls behind costs no memory.
 *
 * <p>Likewise an output that falls behind (one that is down, or slower than the others) holds up
 * no other: when it has not taken a batch for {@link #PATIENCE}, the stage leaves it to a
 * {@link #catchUpFor catch-up stage} of its own, which reads the store from there for that output
 * alone, and goes on with the others. Once the catch-up stage has caught up with the store, it gives
 * the output back (see {@link Rejoins}) and ends; that of an output falling behind again soon after
 * waits longer each time (see {@link RejoinHold}).
 */
final class Stage {
  private static final Logger LOG = LoggerFactory.getLogger(Stage.class);
  private static final int EVENTS_PER_READ = 500;
  /** How long an idle stage waits before looking again for events written by another process. */
  private static final Duration IDLE_POLL = Duration.ofMillis(20);
  /** How long an output may keep a stage that feeds others waiting before it is left to a stage of its own. */
  static final Duration PATIENCE = Duration.ofSeconds(1);
  /**
   * How long a catch-up stage that caught up waits for its parent to take its output back; the
   * output gets nothing meanwhile. The parent answers between two reads, within {@link #IDLE_POLL} when idle.
   */
  private static final Duration REJOIN_PATIENCE = Duration.ofMillis(100);

  /** Starts a catch-up stage for an output a stage leaves behind. */
  interface Detacher {
    /**
     * Starts a stage that feeds {@code worker} the events of {@code parent}'s streams after {@code from}.
     *
     * @param hold how long that stage waits, from now, before it first asks to give the worker back
     * @return false if none could be started: {@code parent} then goes on feeding the worker itself
     */
    boolean detach(Stage parent, OutputWorker worker, long from, Duration hold);
  }

  private final int id;
  private final EventStore store;
  private final DeliveryLedger ledger;
  private final Router router;
  private final Predicate<String> owns;
  private final Map<String, StreamSpec> streams = new HashMap<>();
  private final Map<String, EventTransform> transforms;
  /** Every output bound to one of this stage's streams, whether it feeds it or left it to a catch-up stage. */
  private final Map<String, OutputWorker> workers;
  /** The outputs this stage feeds: those of {@link #workers} it has not left to a catch-up stage. */
  private final Map<String, OutputWorker> attached;
  /** Whether this stage counts its streams' events and dead-letters their failures; a catch-up stage does not. */
  private final boolean counts;
  /** Leaves an output that falls behind to a stage of its own; null if this stage never does. */
  private final Detacher detacher;
  private final PipelineStats stats;
  private final String onlyStream;
  /** For a catch-up stage, the stage it stands in for; null for the others. */
  private final Stage parent;
  /** Catch-up stages asking to give their output back to this stage. */
  private final Rejoins rejoins = new Rejoins();
  /** By output, how long the next catch-up stage of one that keeps falling behind stays on its own. */
  private final Map<String, RejoinHold> holds = new HashMap<>();
  /** Whether this catch-up stage ended by giving its output back. */
  private volatile boolean rejoined;
  /** Spaces out a catch-up stage's askings that its parent, busy, did not answer in time. */
  private final Backoff askBackoff = new Backoff(1_000, 30_000);
  /** When a catch-up stage may ask its parent again ({@link System#nanoTime}). */
  private long askAgainNanos = System.nanoTime();
  private volatile boolean stopping;
  private volatile long drainTo = Long.MAX_VALUE;
  private final Backoff readBackoff = new Backoff(100, 5_000);
  /** Reads of the store that failed in a row. */
  private int readFailures;
  private long cursor;
  /** The owned streams seen so far, with how far they had been counted when this stage started. */
  private final Map<String, Counted> counted = new HashMap<>();

  private record Counted(PipelineStats.StreamCounters counters, long before) {}

  /**
   * @param id this stage's number among the stages of one pipeline, from 0; the outputs it feeds
   *     know it by this number (see {@link OutputWorker#feedFrom})
   * @param owns the streams (by name, {@link Router#UNMATCHED} included) this stage counts and
   *     makes records of; the other stages own the rest
   * @param workers the outputs this stage feeds: every output bound to one of its streams, each told
   *     to expect this stage's batches ({@link OutputWorker#feedFrom})
   * @param from read events after this seq
   * @param onlyStream when not null, only this stream's records are made (replay of one stream)
   * @param detacher leaves an output that falls behind to a stage of its own; null to wait for it instead
   */
  Stage(int id, EventStore store, DeliveryLedger ledger, Router router, List<StreamSpec> specs, Predicate<String> owns,
      Map<String, EventTransform> transforms, Map<String, OutputWorker> workers, PipelineStats stats, long from,
      String onlyStream, Detacher detacher) {
    this.id = id;
    this.store = store;
    this.ledger = ledger;
    this.router = router;
    this.owns = owns;
    specs.forEach(s -> streams.put(s.name(), s));
    this.transforms = transforms;
    this.workers = workers;
    this.attached = new LinkedHashMap<>(workers);
    this.counts = true;
    this.detacher = detacher;
    this.stats = stats;
    this.cursor = from;
    this.onlyStream = onlyStream;
    this.parent = null;
  }

  /** A catch-up stage: see {@link #catchUpFor}. */
  private Stage(Stage parent, OutputWorker worker, Map<String, EventTransform> transforms, long from, Duration hold) {
    this.id = parent.id; // its batches stand for the parent's: the worker counts them as the parent's
    this.store = parent.store;
    this.ledger = parent.ledger;
    this.router = parent.router;
    this.owns = parent.owns;
    parent.streamsTo(worker.name()).forEach(s -> streams.put(s.name(), s));
    this.transforms = transforms;
    this.workers = Map.of(worker.name(), worker);
    this.attached = new LinkedHashMap<>(workers);
    this.counts = false;
    this.detacher = null;
    this.stats = parent.stats;
    this.cursor = from;
    this.onlyStream = parent.onlyStream;
    this.drainTo = parent.drainTo;
    this.parent = parent;
    this.askAgainNanos = System.nanoTime() + hold.toNanos();
  }

  /**
   * A stage that feeds {@code worker} alone the records of this stage's streams bound to it, from
   * the events after {@code from}, in place of this stage: the worker takes its batches as this
   * stage's, and its end as this stage's end. It counts nothing: this stage still does. Once it has
   * read every stored event it asks this stage to take the worker back, and ends if it does.
   *
   * @param transforms the transforms of those streams, compiled for it alone (a transform runs on one thread)
   * @param hold how long it waits, from now, before it first asks this stage to take the worker back
   */
  Stage catchUpFor(OutputWorker worker, Map<String, EventTransform> transforms, long from, Duration hold) {
    return new Stage(this, worker, transforms, from, hold);
  }

  /** The streams this stage makes records of that are bound to the output {@code name}. */
  List<StreamSpec> streamsTo(String name) {
    return streams.values().stream().filter(s -> owns.test(s.name()) && s.outputs().contains(name)).toList();
  }

  /** The names of {@link #streamsTo}, sorted, for the log. */
  private List<String> streamNamesTo(String output) {
    return streamsTo(output).stream().map(StreamSpec::name).sorted().toList();
  }

  /**
   * Waits before reading again a store that could not be read (another process holding it, a disk
   * failing): as an output that is down is retried, so is the store, and the stream goes on from
   * where it was once it can be read. A drain that cannot finish meanwhile times out.
   */
  private void waitAfterReadFailure(UncheckedStoreException e) throws InterruptedException {
    if (readFailures++ == 0) {
      LOG.warn("stream {} cannot read the store, trying again: {}", streams.keySet(), e.getMessage());
    }
    long until = System.nanoTime() + readBackoff.nextDelayMs() * 1_000_000;
    while (!stopping && System.nanoTime() - until < 0) {
      Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
    }
  }

  /** The names of the streams this stage counts and makes records of. */
  List<String> ownStreams() {
    return streams.keySet().stream().filter(owns).sorted().toList();
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
    SeqReader reader = null;
    try {
      while (!stopping && cursor < drainTo) {
        answerRejoins();
        // Read before the store is: every event up to a drain's seq was committed before the drain
        // was asked for, so a read after it that finds nothing means nothing more is to come. Read
        // after an empty read, a drain asked for meanwhile ended the stage before the events
        // committed just before it (seen under load: a stream's last 60 events never delivered).
        long draining = drainTo;
        List<StoredEvent> events;
        try {
          if (reader == null) {
            reader = store.openSeqReader();
          }
          events = reader.after(cursor, EVENTS_PER_READ);
        } catch (UncheckedStoreException e) {
          if (reader != null) {
            reader.close(); // the next read on a connection of its own: one that failed may stay broken
            reader = null;
          }
          waitAfterReadFailure(e);
          continue;
        }
        if (readFailures > 0) {
          LOG.info("stream {} reads the store again after {} failed reads", streams.keySet(), readFailures);
          readFailures = 0;
          readBackoff.reset();
        }
        if (events.isEmpty()) {
          if (draining != Long.MAX_VALUE) {
            break; // draining and nothing more is stored
          }
          if (parent != null && givenBack()) {
            return;
          }
          store.awaitCommitAfter(cursor, IDLE_POLL);
          continue;
        }
        long lastSeq = events.getLast().seq();
        List<StoredEvent> inRange = readableAndSelected(events, all ? null : selected);
        // Handed over even when empty: the outputs' cursors then move past what was set aside.
        Map<String, List<OutputRecord>> byOutput = inRange.isEmpty() ? nothing() : process(inRange);
        if (byOutput == null || !handOver(byOutput, lastSeq)) {
          return;
        }
        cursor = lastSeq;
      }
    } finally {
      if (reader != null) {
        reader.close();
      }
      rejoins.end(); // a catch-up stage still asking reads on, and ends its output itself
      for (OutputWorker w : attached.values()) {
        w.offer(Batch.END); // an output left to a catch-up stage gets its end from there
      }
    }
  }

  /** Whether this catch-up stage ended by giving its output back to the stage it stood in for. */
  boolean rejoined() {
    return rejoined;
  }

  /**
   * Asks the stage this catch-up stage stands in for to feed the output again from here, having
   * found no more stored events.
   *
   * @return true if it does: this stage hands the output nothing more
   */
  private boolean givenBack() throws InterruptedException {
    if (System.nanoTime() - askAgainNanos < 0) {
      return false;
    }
    Rejoins.Asking asking = new Rejoins.Asking(attached.values().iterator().next(), cursor);
    if (parent.rejoins.ask(asking) && asking.taken(REJOIN_PATIENCE)) {
      attached.clear();
      rejoined = true;
      return true;
    }
    // The parent has read on meanwhile, or is busy: read on, and ask again when caught up.
    askAgainNanos = System.nanoTime() + askBackoff.nextDelayMs() * 1_000_000;
    return false;
  }

  private RejoinHold holdOf(OutputWorker worker) {
    return holds.computeIfAbsent(worker.name(), name -> new RejoinHold());
  }

  /** Feeds again the outputs whose catch-up stages fed them through this stage's cursor. */
  private void answerRejoins() {
    for (Rejoins.Asking r : rejoins.answer(cursor)) {
      attached.put(r.worker.name(), r.worker);
      holdOf(r.worker).takenBack(System.nanoTime());
      List<String> names = streamNamesTo(r.worker.name());
      if (!names.isEmpty()) { // as when it fell behind: a stage that only moves its cursor tells nothing
        LOG.info("output {} caught up with stream {}: it reads with it again after event {}", r.worker.name(), names,
            r.through);
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

  /**
   * Dead-letters a stored event that cannot be read back: once, by the stage that owns
   * {@link Pipeline#UNREADABLE}, also when a reload reads it again. The other stages skip it.
   */
  private void setAside(StoredEvent stored, String reason, List<DeliveryLedger.DeadLetter> deadLetters) {
    if (!counts || !owns.test(Pipeline.UNREADABLE)) {
      return;
    }
    PipelineStats.StreamCounters counters = stats.stream(Pipeline.UNREADABLE);
    if (stored.seq() <= counters.countedThrough()) {
      return;
    }
    counters.matched.increment();
    counters.failed.increment();
    counters.lastError.set(reason);
    counters.countedThrough(stored.seq());
    // No copy of the text: it stays in the store, under this seq.
    deadLetters.add(new DeliveryLedger.DeadLetter(Instant.now(), Pipeline.UNREADABLE, null, stored.seq(), stored.id(),
        null, reason));
    LOG.warn("{}; it went to the dead letters of {}", reason, Pipeline.UNREADABLE);
  }

  private Map<String, List<OutputRecord>> nothing() {
    Map<String, List<OutputRecord>> byOutput = new HashMap<>();
    attached.keySet().forEach(o -> byOutput.put(o, new ArrayList<>()));
    return byOutput;
  }

  /** The records of the events for each output fed; null if the stage was stopped meanwhile. */
  private Map<String, List<OutputRecord>> process(List<StoredEvent> events) throws InterruptedException {
    Map<String, List<OutputRecord>> byOutput = nothing();
    List<DeliveryLedger.DeadLetter> failures = new ArrayList<>();
    for (StoredEvent stored : events) {
      if (stopping) {
        return null; // a slow transform may take seconds an event: the rest is read again next run
      }
      try {
        route(stored, byOutput, failures);
      } catch (UncheckedStoreException e) {
        setAside(stored, e.getMessage(), failures); // parses, but is no event this version knows
      }
    }
    recordDeadLetters(failures);
    if (counts) {
      long last = events.getLast().seq();
      counted.values().forEach(c -> c.counters().countedThrough(last));
    }
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

  private void route(StoredEvent stored, Map<String, List<OutputRecord>> byOutput,
      List<DeliveryLedger.DeadLetter> failures) {
    String key = null; // found once, for the first stream that makes records of the event
    for (String name : router.route(stored.type(), stored::event)) {
      if (!owns.test(name)) {
        continue; // another stage's stream
      }
      Counted c = counted.computeIfAbsent(name, n -> {
        PipelineStats.StreamCounters counters = stats.stream(n);
        return new Counted(counters, counters.countedThrough());
      });
      // Not read before by the pipeline this one replaced, nor by the stage a catch-up stage stands in for.
      boolean count = counts && stored.seq() > c.before();
      if (count) {
        c.counters().matched.increment();
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
          OutputWorker worker = attached.get(output); // null if left to a catch-up stage, or not fed here
          if (worker != null && worker.startCursor() < stored.seq()) {
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
        PipelineStats.StreamCounters counters = stats.stream(spec.name());
        counters.transformed.increment();
        counters.records.increment();
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

  /**
   * Whether an output of the stream still needs the event. Outputs left to a catch-up stage count:
   * this stage still counts the stream's events for them.
   */
  private boolean anyWants(StreamSpec spec, long seq) {
    for (String output : spec.outputs()) {
      OutputWorker worker = workers.get(output);
      if (worker != null && worker.startCursor() < seq) {
        return true;
      }
    }
    return false;
  }

  private List<String> transform(StreamSpec spec, EventTransform transform, StoredEvent stored, boolean count,
      List<DeliveryLedger.DeadLetter> failures) {
    PipelineStats.StreamCounters counters = stats.stream(spec.name());
    EventTransform.Outcome outcome;
    try {
      outcome = transform.apply(stored.event());
    } catch (RuntimeException e) {
      // A transform should say Failed; one that throws instead (a plugin's) fails this event, not the stream.
      outcome = new EventTransform.Outcome.Failed(e.toString());
    }
    return switch (outcome) {
      case EventTransform.Outcome.Records r -> {
        if (count) {
          counters.transformed.increment();
          counters.records.add(r.json().size());
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

  /**
   * Hands each output fed its records of the events through {@code lastSeq}. An output that does
   * not take them within {@link #PATIENCE}, while this stage feeds others, is left to a catch-up
   * stage that starts with these events.
   *
   * @return false if the stage is stopping
   */
  private boolean handOver(Map<String, List<OutputRecord>> byOutput, long lastSeq) throws InterruptedException {
    List<OutputWorker> behind = new ArrayList<>();
    for (Map.Entry<String, List<OutputRecord>> e : byOutput.entrySet()) {
      OutputWorker worker = attached.get(e.getKey());
      if (worker.startCursor() >= lastSeq) {
        continue;
      }
      Batch batch = new Batch(e.getValue(), lastSeq, id);
      boolean mayLeave = detacher != null && attached.size() > 1;
      OutputWorker.Offer offer = worker.offer(batch, mayLeave ? PATIENCE : null);
      if (offer == OutputWorker.Offer.STOPPING) {
        return false;
      }
      if (offer == OutputWorker.Offer.BEHIND) {
        behind.add(worker);
      }
    }
    for (OutputWorker worker : behind) {
      if (!(attached.size() > 1 && leftToCatchUp(worker))
          && !worker.offer(new Batch(byOutput.get(worker.name()), lastSeq, id))) {
        return false;
      }
    }
    return true;
  }

  /** Leaves {@code worker}, behind, to a catch-up stage from this stage's cursor; false if none could start. */
  private boolean leftToCatchUp(OutputWorker worker) {
    Duration hold = holdOf(worker).fellBehind(System.nanoTime());
    if (!detacher.detach(this, worker, cursor, hold)) {
      return false;
    }
    attached.remove(worker.name());
    List<String> names = streamNamesTo(worker.name());
    if (names.isEmpty()) {
      return true; // this stage only moved the output's cursor: nothing to tell
    }
    if (hold.isZero()) {
      LOG.info("output {} fell behind stream {}: it reads the store on its own from event {}", worker.name(), names,
          cursor + 1);
    } else {
      LOG.info("output {} fell behind stream {} again soon after catching up: it reads the store on its own from "
          + "event {}, for at least {} s", worker.name(), names, cursor + 1, hold.toSeconds());
    }
    return true;
  }

  /**
   * The event's {@link CaptureEvent#deliveryKey() delivery key}: records of one connection or request
   * share a key, so a partitioned destination keeps them in order. Read from the stored text alone
   * when the event was not read.
   */
  static String keyOf(StoredEvent stored) {
    if (stored.isRead()) {
      return stored.event().deliveryKey();
    }
    String field = CaptureEvent.deliveryKeyField(stored.type());
    if (field.equals("id")) {
      return stored.id(); // an HTTP exchange, or an event of no connection: keyed by its own id
    }
    String key = EventJson.topLevelText(stored.jsonUtf8(), field);
    return key != null ? key : stored.event().deliveryKey();
  }
}
