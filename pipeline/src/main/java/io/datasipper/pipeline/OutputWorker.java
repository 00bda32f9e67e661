package io.datasipper.pipeline;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.PendingWrite;
import io.datasipper.api.output.WriteResult;
import io.datasipper.store.DeliveryLedger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one output's batches in order: writes, retries with backoff what may succeed later,
 * dead-letters what the destination refuses, and moves the output's durable cursor only past
 * events whose records are all delivered. A crash therefore repeats at most the writes in flight.
 */
final class OutputWorker {
  private static final Logger LOG = LoggerFactory.getLogger(OutputWorker.class);
  private static final int QUEUE_BATCHES = 16;

  private final String name;
  private final Output output;
  private final DeliveryLedger ledger;
  private final boolean saveProgress;
  private final int maxRecordsPerWrite;
  private final int maxWritesInFlight;
  /** Writes of batches taken from the queue, not started yet. */
  private final ArrayDeque<Write> waiting = new ArrayDeque<>();
  /** Writes started and not yet awaited, oldest first. */
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private final PipelineStats.OutputCounters stats;
  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
  private final Backoff backoff = new Backoff(100, 30_000);
  private final long startCursor;
  private volatile boolean stopping;
  /** Set by the worker thread once it took {@link Batch#END}: no more batches come. */
  private boolean ended;
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
   * One write: at most {@code maxRecordsPerWrite} records, and the seq the cursor moves to once they
   * are delivered ({@link #NO_ADVANCE} for all but the last write of a batch split in several).
   */
  private record Write(List<OutputRecord> records, long advanceTo) {}

  private static final long NO_ADVANCE = -1;
  private static final PendingWrite NOTHING_TO_WRITE = () -> WriteResult.allDelivered(0);

  /** A started write, awaiting its outcome. */
  private record InFlight(Write write, PendingWrite pending) {}

  OutputWorker(String name, Output output, DeliveryLedger ledger, long startCursor, boolean saveProgress,
      Limits limits, PipelineStats.OutputCounters stats) {
    this.name = name;
    this.output = output;
    this.ledger = ledger;
    this.startCursor = startCursor;
    this.saveProgress = saveProgress;
    this.maxRecordsPerWrite = limits.maxRecordsPerWrite();
    this.maxWritesInFlight = limits.maxWritesInFlight();
    this.stats = stats;
    stats.cursor.set(startCursor);
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
    while (!stopping) {
      if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }

  /** Asks the worker to stop after the write in progress; undelivered batches stay pending. */
  void stop() {
    stopping = true;
  }

  /** Waits for the worker to end (after {@link Batch#END} or {@link #stop}). */
  boolean join(long millis) throws InterruptedException {
    return thread.join(java.time.Duration.ofMillis(millis));
  }

  private void run() {
    try {
      if (!startOutput()) {
        return;
      }
      while (true) {
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
    } finally {
      output.stop();
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
    Batch batch = inFlight.isEmpty() ? queue.poll(100, TimeUnit.MILLISECONDS) : queue.poll();
    if (batch == null) {
      return false;
    }
    if (batch == Batch.END) {
      ended = true;
      return false;
    }
    batch = withQueuedBatches(batch);
    List<OutputRecord> records = batch.records();
    for (int at = maxRecordsPerWrite; at < records.size(); at += maxRecordsPerWrite) {
      waiting.add(new Write(records.subList(at - maxRecordsPerWrite, at), NO_ADVANCE));
    }
    int lastStart = records.isEmpty() ? 0 : (records.size() - 1) / maxRecordsPerWrite * maxRecordsPerWrite;
    waiting.add(new Write(records.subList(lastStart, records.size()), batch.lastSeq()));
    return true;
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
      stats.delivered(records.size());
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
   * Joins the batches already waiting behind {@code first}, up to one write's worth of records: a
   * destination that confirms each write before the next is sent keeps up only with large writes,
   * and waiting batches cost no latency to join.
   */
  private Batch withQueuedBatches(Batch first) {
    if (first.records().size() >= maxRecordsPerWrite || queue.peek() == null) {
      return first;
    }
    List<OutputRecord> records = new ArrayList<>(first.records());
    long lastSeq = first.lastSeq();
    Batch next;
    while (records.size() < maxRecordsPerWrite && (next = queue.peek()) != null) {
      queue.poll();
      if (next == Batch.END) {
        ended = true;
        break;
      }
      records.addAll(next.records());
      lastSeq = next.lastSeq();
    }
    return new Batch(records, lastSeq);
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
        Thread.sleep(backoff.nextDelayMs());
      }
    }
    return false;
  }

  /**
   * Delivers every record in order, one write at a time; false only if stopped before that.
   *
   * @param first the result of a write of {@code records} already made, or null
   */
  private boolean deliver(List<OutputRecord> records, WriteResult first) throws InterruptedException {
    int next = 0;
    WriteResult result = first;
    while (next < records.size()) {
      List<OutputRecord> chunk = records.subList(next, Math.min(records.size(), next + maxRecordsPerWrite));
      if (result == null) {
        result = write(chunk);
      }
      int delivered = Math.max(0, Math.min(result.delivered(), chunk.size()));
      next += delivered;
      stats.delivered(delivered);
      boolean incomplete = result.outcome() == WriteResult.Outcome.ALL_DELIVERED && delivered < chunk.size();
      if (result.outcome() == WriteResult.Outcome.REJECTED) {
        deadLetter(records.get(next), result.error());
        next++;
      } else if (result.outcome() == WriteResult.Outcome.RETRY || incomplete) {
        // An output claiming all but counting fewer is retried for the rest, like any failure.
        failing(incomplete ? "the output delivered " + delivered + " of " + chunk.size() + " records" : result.error());
        if (!pause()) {
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

  private boolean pause() throws InterruptedException {
    if (stopping) {
      return false;
    }
    stats.retries.increment();
    Thread.sleep(backoff.nextDelayMs());
    return !stopping;
  }

  private void healthy() {
    backoff.reset();
    stats.health.set("ok");
  }

  /** Says the output cannot go on for now, and why; from any thread. */
  void failing(String error) {
    if (!"failing".equals(stats.health.getAndSet("failing"))) {
      LOG.warn("output {} is failing: {}; retrying with backoff", name, error);
    }
    stats.lastError.set(error);
  }

  private void deadLetter(OutputRecord record, String error) throws InterruptedException {
    stats.deadLettered.increment();
    stats.lastError.set(error);
    List<DeliveryLedger.DeadLetter> letter = List.of(new DeliveryLedger.DeadLetter(Instant.now(), record.stream(),
        name, record.sourceSeq(), record.eventId(), record.json(), error));
    LedgerWrites.untilDone(() -> ledger.addDeadLetters(letter), () -> stopping, this::failing);
  }

  private void advance(long seq) throws InterruptedException {
    if (seq == NO_ADVANCE) {
      return;
    }
    stats.cursor.set(seq);
    if (saveProgress) {
      LedgerWrites.untilDone(() -> ledger.saveCursor(name, seq), () -> stopping, this::failing);
    }
  }
}
