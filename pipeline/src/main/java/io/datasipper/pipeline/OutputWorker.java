package io.datasipper.pipeline;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import io.datasipper.store.DeliveryLedger;
import java.time.Instant;
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
 * events whose records are all delivered. A crash therefore repeats at most the batch in flight.
 */
final class OutputWorker {
  private static final Logger LOG = LoggerFactory.getLogger(OutputWorker.class);
  private static final int QUEUE_BATCHES = 16;

  private final String name;
  private final Output output;
  private final DeliveryLedger ledger;
  private final boolean saveProgress;
  private final int maxRecordsPerWrite;
  private final PipelineStats.OutputCounters stats;
  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
  private final Backoff backoff = new Backoff(100, 30_000);
  private final long startCursor;
  private volatile boolean stopping;
  /** Set by the worker thread when it took {@link Batch#END} while joining batches. */
  private boolean ended;
  private Thread thread;

  OutputWorker(String name, Output output, DeliveryLedger ledger, long startCursor, boolean saveProgress,
      int maxRecordsPerWrite, PipelineStats.OutputCounters stats) {
    this.name = name;
    this.output = output;
    this.ledger = ledger;
    this.startCursor = startCursor;
    this.saveProgress = saveProgress;
    this.maxRecordsPerWrite = maxRecordsPerWrite;
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
        Batch batch = queue.poll(100, TimeUnit.MILLISECONDS);
        if (batch == Batch.END || (batch == null && stopping)) {
          break;
        }
        if (batch == null) {
          continue;
        }
        batch = withQueuedBatches(batch);
        if (!deliver(batch.records())) {
          break; // stopped while retrying: what is left stays pending in the store
        }
        advance(batch.lastSeq());
        if (ended) {
          break;
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

  /** Delivers every record in order; false only if stopped before that. */
  private boolean deliver(List<OutputRecord> records) throws InterruptedException {
    int next = 0;
    while (next < records.size()) {
      List<OutputRecord> chunk = records.subList(next, Math.min(records.size(), next + maxRecordsPerWrite));
      WriteResult result = write(chunk);
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
    }
    return true;
  }

  private WriteResult write(List<OutputRecord> chunk) {
    try {
      return output.write(chunk);
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

  private void failing(String error) {
    if (!"failing".equals(stats.health.getAndSet("failing"))) {
      LOG.warn("output {} is failing: {}; retrying with backoff", name, error);
    }
    stats.lastError.set(error);
  }

  private void deadLetter(OutputRecord record, String error) {
    stats.deadLettered.increment();
    stats.lastError.set(error);
    ledger.addDeadLetters(List.of(new DeliveryLedger.DeadLetter(Instant.now(), record.stream(), name,
        record.sourceSeq(), record.eventId(), record.json(), error)));
  }

  private void advance(long seq) {
    stats.cursor.set(seq);
    if (saveProgress) {
      ledger.saveCursor(name, seq);
    }
  }
}
