package io.datasipper.pipeline;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.PendingWrite;
import io.datasipper.api.output.WriteResult;
import io.datasipper.store.DeliveryLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one output's batches in order: writes, retries with backoff what may succeed later,
 * dead-letters what the destination refuses, and moves the output's durable cursor only past
 * events whose records are all delivered. A crash therefore repeats at most the writes in flight.
 *
 * <p>Several stages may feed one output (an output bound to a stream with a transform and to
 * another stream), each at its own pace. Each stage's batches keep their order; the cursor is the
 * lowest seq that every feeding stage has delivered through. A slow stream thus holds back the
 * cursor of an output it shares, never its deliveries: after a crash, the records of the faster
 * streams past the cursor are sent again (at least once), and nothing of the slow one is lost.
 */
final class OutputWorker {
  private static final Logger LOG = LoggerFactory.getLogger(OutputWorker.class);
  private static final int QUEUE_BATCHES = 16;

  private final String name;
  private final Output output;
  private final DeliveryLedger ledger;
  private final RequeuedLetters requeued;
  private final boolean saveProgress;
  private final int maxRecordsPerWrite;
  private final int maxWritesInFlight;
  /** Writes of batches taken from the queue, not started yet. */
  private final ArrayDeque<Write> waiting = new ArrayDeque<>();
  /** Writes started and not yet awaited, oldest first. */
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private final PipelineStats.OutputCounters stats;
  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
  private static final long FIRST_RETRY_MS = 100;
  private final Backoff backoff = new Backoff(FIRST_RETRY_MS, 30_000);
  private final long startCursor;
  private volatile boolean stopping;
  /** The error of the worker or of the output's code that ended the worker; null while none did. */
  private volatile String stoppedBy;
  /** Opened by {@link #stop}: ends a wait between retries at once. */
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final StageProgress stages = new StageProgress();
  /** Set by the worker thread once every feeding stage sent {@link Batch#END}: no more batches come. */
  private boolean ended;
  private long cursor;
  private Thread thread;

  /** How much one output takes at once: records per write, and writes started before the oldest is awaited. */
  record Limits(int maxRecordsPerWrite, int maxWritesInFlight) {
    Limits {
      if (maxRecordsPerWrite < 1 || maxWritesInFlight < 1) {
        throw new IllegalArgumentException("limits must be at least 1: " + maxRecordsPerWrite + ", " + maxWritesInFlight);
      }
    }
  }

  /**
   * One write: at most {@code maxRecordsPerWrite} records, and per stage number the seq that stage
   * has delivered through once they are ({@link StageProgress#NO_ADVANCE} where it does not move;
   * null for all but the last write of a batch split in several).
   */
  private record Write(List<OutputRecord> records, long[] advanceTo) {}
  private static final PendingWrite NOTHING_TO_WRITE = () -> WriteResult.allDelivered(0);

  /** A started write, awaiting its outcome. */
  private record InFlight(Write write, PendingWrite pending) {}

  OutputWorker(String name, Output output, DeliveryLedger ledger, long startCursor, boolean saveProgress,
      Limits limits, PipelineStats.OutputCounters stats) {
    this.name = name;
    this.output = output;
    this.ledger = ledger;
    this.requeued = new RequeuedLetters(ledger.redeliveries(), name, limits.maxRecordsPerWrite(), stats,
        () -> stopping, this::failing);
    this.startCursor = startCursor;
    this.saveProgress = saveProgress;
    this.maxRecordsPerWrite = limits.maxRecordsPerWrite();
    this.maxWritesInFlight = limits.maxWritesInFlight();
    this.stats = stats;
    this.cursor = startCursor;
    stats.cursor.set(startCursor);
  }

  /** Says that stage {@code stage} sends batches here. Before {@link #start} only. */
  void feedFrom(int stage) {
    stages.feedFrom(stage, startCursor);
  }

  String name() {
    return name;
  }

  /** The seq this output had taken when the pipeline started: older events are not sent again. */
  long startCursor() {
    return startCursor;
  }

  void start() {
    thread = Thread.ofPlatform().name("datasipper-output-" + name).daemon().start(this::run);
  }

  /** Queues a batch, waiting while the output is behind; false if the worker is stopping. */
  boolean offer(Batch batch) throws InterruptedException {
    return offer(batch, null) != Offer.STOPPING;
  }

  /** What became of a batch offered. */
  enum Offer {
    /** Queued (or, for a worker an error stopped, left pending in the store). */
    TAKEN,
    /** Not taken in time: the worker is behind. */
    BEHIND,
    /** Not taken: the worker is stopping. */
    STOPPING
  }

  /** Queues a batch if the worker takes it within {@code patience}; null to wait as long as it takes. */
  Offer offer(Batch batch, Duration patience) throws InterruptedException {
    long deadline = patience == null ? Long.MAX_VALUE : System.nanoTime() + patience.toNanos();
    while (!stopping) {
      if (stoppedBy != null) {
        // Nobody will take it; its events stay pending in the store, where the cursor stopped.
        return Offer.TAKEN;
      }
      long left = patience == null ? Long.MAX_VALUE : deadline - System.nanoTime();
      if (queue.offer(batch, Math.min(Math.max(left, 0), TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS)) {
        return Offer.TAKEN;
      }
      if (left <= 0) {
        return Offer.BEHIND;
      }
    }
    return Offer.STOPPING;
  }

  /** Asks the worker to stop after the write in progress; undelivered batches stay pending. */
  void stop() {
    stopping = true;
    stopSignal.countDown();
  }

  /**
   * The error that ended the worker, not {@link #stop} or the end; null if none did. What it did not
   * deliver stays pending.
   */
  String stoppedBy() {
    return stoppedBy;
  }

  /** Waits for the worker to end (after {@link Batch#END} or {@link #stop}). */
  boolean join(long millis) throws InterruptedException {
    return thread.join(Duration.ofMillis(millis));
  }

  private void run() {
    try {
      if (!startOutput()) {
        return;
      }
      while (true) {
        if (!redeliverRequeued()) {
          break;
        }
        boolean more = startWrites();
        if (inFlight.isEmpty()) {
          if (!more) {
            break;
          }
          continue;
        }
        if (!settleOldest()) {
          break; // stopped while retrying: what is left stays pending in the store
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // A fault of the worker or of the output's code (a plugin missing a class, say), which a retry
      // would only repeat: this output ends, saying why, and the streams and other outputs go on.
      LOG.error("output {} stopped on an error; what it did not deliver stays pending", name, e);
      stats.lastError.set("stopped on an error: " + e);
      stats.health.set("failing");
      stoppedBy = e.toString();
    } finally {
      stopOutput();
      if (stats.health.get().equals("ok")) {
        stats.health.set("stopped");
      }
    }
  }

  /**
   * Starts writes of the queued batches while fewer than the limit are in flight. Waits for a batch
   * only when no write is in flight; otherwise the oldest is awaited next.
   *
   * @return false once no more writes will be started (the end was reached, or the worker stops)
   */
  private boolean startWrites() throws InterruptedException {
    while (inFlight.size() < maxWritesInFlight) {
      if (stopping) {
        return false;
      }
      if (waiting.isEmpty() && !takeBatch()) {
        return !ended;
      }
      Write next = waiting.removeFirst();
      inFlight.add(new InFlight(next, startWrite(next.records())));
    }
    return true;
  }

  /** Takes the next batch into {@link #waiting}, cut into writes; false if none was there. */
  private boolean takeBatch() throws InterruptedException {
    if (ended) {
      return false;
    }
    Batch batch;
    do {
      batch = inFlight.isEmpty() ? queue.poll(100, TimeUnit.MILLISECONDS) : queue.poll();
      if (batch == null) {
        return false;
      }
    } while (batch == Batch.END && !endTaken());
    if (batch == Batch.END) {
      return false;
    }
    long[] advanceTo = stages.noteOfNothing();
    List<OutputRecord> records = withQueuedBatches(batch, advanceTo);
    for (int at = maxRecordsPerWrite; at < records.size(); at += maxRecordsPerWrite) {
      waiting.add(new Write(records.subList(at - maxRecordsPerWrite, at), null));
    }
    int lastStart = records.isEmpty() ? 0 : (records.size() - 1) / maxRecordsPerWrite * maxRecordsPerWrite;
    waiting.add(new Write(records.subList(lastStart, records.size()), advanceTo));
    return true;
  }

  /** Counts an {@link Batch#END}; true once every feeding stage sent one. */
  private boolean endTaken() {
    ended = stages.endTaken();
    return ended;
  }

  /**
   * Awaits the oldest write and moves the cursor past it. A write not wholly delivered is finished
   * alone, retrying and dead-lettering as needed; the writes started after it are awaited, and
   * written again after it, in order.
   *
   * @return false if stopped before that
   */
  private boolean settleOldest() throws InterruptedException {
    InFlight oldest = inFlight.removeFirst();
    List<OutputRecord> records = oldest.write().records();
    WriteResult result = await(oldest.pending());
    if (result.outcome() == WriteResult.Outcome.ALL_DELIVERED && result.delivered() >= records.size()) {
      stats.delivered(records, System.currentTimeMillis());
      healthy();
      advance(oldest.write().advanceTo());
      return true;
    }
    List<Write> again = new ArrayList<>();
    for (InFlight later : inFlight) {
      await(later.pending()); // its records count as undelivered, whatever it says
      again.add(later.write());
    }
    inFlight.clear();
    if (!deliver(records, result)) {
      return false;
    }
    advance(oldest.write().advanceTo());
    for (Write write : again) {
      if (!deliver(write.records(), null)) {
        return false;
      }
      advance(write.advanceTo());
    }
    return true;
  }

  /**
   * The records of {@code first} and of the batches already waiting behind it, up to one write's
   * worth: a destination that confirms each write before the next is sent keeps up only with large
   * writes, and waiting batches cost no latency to join. Notes in {@code advanceTo} how far each
   * stage's part of the output gets once they are delivered.
   */
  private List<OutputRecord> withQueuedBatches(Batch first, long[] advanceTo) {
    StageProgress.note(advanceTo, first);
    if (first.records().size() >= maxRecordsPerWrite || queue.peek() == null) {
      return first.records();
    }
    List<OutputRecord> records = new ArrayList<>(first.records());
    Batch next;
    while (records.size() < maxRecordsPerWrite && (next = queue.peek()) != null) {
      queue.poll();
      if (next == Batch.END) {
        if (endTaken()) {
          break;
        }
        continue;
      }
      records.addAll(next.records());
      StageProgress.note(advanceTo, next);
    }
    return records;
  }

  /** Stops the output; an error of its own there is logged, not let out of the worker, whose end it would hide. */
  private void stopOutput() {
    try {
      output.stop();
    } catch (RuntimeException | Error e) {
      LOG.warn("output {} did not stop cleanly", name, e);
    }
  }

  private boolean startOutput() throws InterruptedException {
    while (!stopping) {
      try {
        output.start();
        stats.health.set("ok");
        backoff.reset();
        return true;
      } catch (Exception e) {
        failing("cannot start: " + e.getMessage());
        waitUnlessStopped(backoff.nextDelayMs());
      }
    }
    return false;
  }

  /** Delivers every record in order, dead-lettering what the destination refuses; false only if stopped before that. */
  private boolean deliver(List<OutputRecord> records, WriteResult first) throws InterruptedException {
    return writeAll(records, first, new Settled() {
      @Override
      public void delivered(int from, int to) {
        stats.delivered(records.subList(from, to), System.currentTimeMillis());
      }

      @Override
      public void refused(int at, String error) throws InterruptedException {
        deadLetter(records.get(at), error);
      }
    });
  }

  /** What {@link #writeAll} does with the records each write settles, by their place in its list. */
  interface Settled {
    /** The records from {@code from} to {@code to} (exclusive) were delivered. */
    void delivered(int from, int to) throws InterruptedException;

    /** The record at {@code at} was refused for good, for {@code error}. */
    void refused(int at, String error) throws InterruptedException;
  }

  /**
   * Writes every record in order, at most a write's worth at a time, retrying with backoff what may
   * succeed later and going on past a record the destination refuses; false only if stopped before
   * that.
   *
   * @param first the result of a write of {@code records} already made, or null
   */
  private boolean writeAll(List<OutputRecord> records, WriteResult first, Settled settled) throws InterruptedException {
    int next = 0;
    WriteResult result = first;
    while (next < records.size()) {
      List<OutputRecord> chunk = records.subList(next, Math.min(records.size(), next + maxRecordsPerWrite));
      if (result == null) {
        result = write(chunk);
      }
      int delivered = Math.max(0, Math.min(result.delivered(), chunk.size()));
      settled.delivered(next, next + delivered);
      next += delivered;
      // An output claiming all but counting fewer is retried for the rest, like any failure; one
      // refusing a record after counting them all delivered has refused none of them.
      boolean incomplete = result.outcome() == WriteResult.Outcome.ALL_DELIVERED && delivered < chunk.size();
      if (result.outcome() == WriteResult.Outcome.REJECTED && delivered < chunk.size()) {
        settled.refused(next, result.error());
        next++;
      } else if (result.outcome() == WriteResult.Outcome.RETRY || incomplete) {
        failing(incomplete ? "the output delivered " + delivered + " of " + chunk.size() + " records" : result.error());
        if (!pause(incomplete ? null : result.retryAfter())) {
          return false;
        }
      } else {
        healthy();
      }
      result = null;
    }
    return true;
  }

  private WriteResult write(List<OutputRecord> chunk) {
    return await(startWrite(chunk));
  }

  private PendingWrite startWrite(List<OutputRecord> records) {
    if (records.isEmpty()) {
      return NOTHING_TO_WRITE; // a run of events with nothing for this output only moves its cursor
    }
    try {
      return output.startWrite(records);
    } catch (Exception e) {
      WriteResult failed = WriteResult.retry(0, e.toString());
      return () -> failed;
    }
  }

  private static WriteResult await(PendingWrite pending) {
    try {
      return pending.await();
    } catch (Exception e) {
      return WriteResult.retry(0, e.toString());
    }
  }

  /**
   * Waits before a retry: as long as the output says the destination asked for (at most
   * {@link WriteResult#MAX_RETRY_AFTER}, at least the first backoff delay, so that a destination
   * asking for no wait at all does not get a busy loop), else the backoff's next delay. False if stopped.
   */
  private boolean pause(Duration asked) throws InterruptedException {
    if (stopping) {
      return false;
    }
    stats.retries.increment();
    long waitMs = asked == null ? backoff.nextDelayMs()
        : Math.max(FIRST_RETRY_MS,
            (asked.compareTo(WriteResult.MAX_RETRY_AFTER) > 0 ? WriteResult.MAX_RETRY_AFTER : asked).toMillis());
    stats.nextRetryAt.set(Instant.now().plusMillis(waitMs));
    try {
      waitUnlessStopped(waitMs);
    } finally {
      stats.nextRetryAt.set(null);
    }
    return !stopping;
  }

  private void waitUnlessStopped(long millis) throws InterruptedException {
    stopSignal.await(millis, TimeUnit.MILLISECONDS);
  }

  private void healthy() {
    backoff.reset();
    stats.health.set("ok");
  }

  /** Says the output cannot go on for now, and why; from any thread. */
  void failing(String error) {
    // The error first: whoever reads the health as failing then finds why.
    stats.lastError.set(error);
    if (!"failing".equals(stats.health.getAndSet("failing"))) {
      LOG.warn("output {} is failing: {}; retrying", name, error);
    }
  }

  private void deadLetter(OutputRecord record, String error) throws InterruptedException {
    stats.deadLettered.increment();
    stats.lastError.set(error);
    List<DeliveryLedger.DeadLetter> letter = List.of(new DeliveryLedger.DeadLetter(Instant.now(), record.stream(),
        name, record.sourceSeq(), record.eventId(), record.json(), error));
    LedgerWrites.untilDone(() -> ledger.addDeadLetters(letter), () -> stopping, this::failing);
  }

  /**
   * Writes again the dead letters sent back to this output (see {@link RequeuedLetters}). The
   * stages' writes in flight are settled before; the letters go out of the stages' order, being old.
   * A failing destination is retried as for any write.
   *
   * @return false if stopped meanwhile: what is left stays requeued for the next look or run
   */
  private boolean redeliverRequeued() throws InterruptedException {
    // A replay backfills what it is asked to; dead letters are the live pipeline's.
    if (!saveProgress) {
      return true;
    }
    RequeuedLetters.Due due = requeued.due();
    if (due.isEmpty()) {
      return true;
    }
    // The stages' writes in flight are settled first: a write of its own meanwhile would break their order.
    while (!inFlight.isEmpty()) {
      if (!settleOldest()) {
        return false;
      }
    }
    return writeAll(due.records(), null, requeued.settling(due)) && !stopping;
  }

  /** Moves each stage's part as {@code advanceTo} says, and the cursor to the lowest of them. */
  private void advance(long[] advanceTo) throws InterruptedException {
    if (advanceTo == null) {
      return;
    }
    long lowest = stages.advance(advanceTo);
    if (lowest == Long.MAX_VALUE || lowest <= cursor) {
      return;
    }
    cursor = lowest;
    stats.cursor.set(lowest);
    if (saveProgress) {
      long through = lowest;
      LedgerWrites.untilDone(() -> ledger.saveCursor(name, through), () -> stopping, this::failing);
    }
  }
}
