package io.datasipper.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.json.EventJson;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.store.DeadLetters;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.StoredEvent;
import io.datasipper.store.UncheckedStoreException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters sent back to one output, looked for in the store at most every half second, so
 * that a letter sent back while no pipeline ran, or by another process, is found too; and what
 * becomes of them once written again: each delivered one is marked so, and one refused again is dead
 * again with the new error.
 */
final class RequeuedLetters {
  private static final Logger LOG = LoggerFactory.getLogger(RequeuedLetters.class);
  /** How often an idle worker looks for dead letters sent back to its output. */
  private static final Duration LOOK_INTERVAL = Duration.ofMillis(500);

  private final DeadLetters deadLetters;
  private final String output;
  private final int maxRecords;
  private final PipelineStats.OutputCounters stats;
  private final BooleanSupplier stopping;
  private final Consumer<String> failing;
  private long nextLookNanos = System.nanoTime();

  /**
   * @param stopping whether the output's worker stops: a ledger write is retried until done or then
   * @param failing says why the output cannot go on for now (the ledger cannot be written)
   */
  RequeuedLetters(DeadLetters deadLetters, String output, int maxRecords, PipelineStats.OutputCounters stats,
      BooleanSupplier stopping, Consumer<String> failing) {
    this.deadLetters = deadLetters;
    this.output = output;
    this.maxRecords = maxRecords;
    this.stats = stats;
    this.stopping = stopping;
    this.failing = failing;
  }

  /** Letters sent back and their records, to be written in this order. */
  record Due(List<DeadLetters.Entry> letters, List<OutputRecord> records) {
    static final Due NONE = new Due(List.of(), List.of());

    boolean isEmpty() {
      return letters.isEmpty();
    }
  }

  /** Up to a write's worth of the letters sent back, if it is time to look again; else none. */
  Due due() {
    if (System.nanoTime() - nextLookNanos < 0) {
      return Due.NONE;
    }
    nextLookNanos = System.nanoTime() + LOOK_INTERVAL.toNanos();
    List<DeadLetters.Entry> requeued;
    try {
      requeued = deadLetters.requeued(output, maxRecords);
    } catch (UncheckedStoreException e) {
      LOG.warn("cannot look for dead letters sent back to output {}: {}", output, e.getMessage());
      return Due.NONE;
    }
    // A letter refused by an output always keeps its record; only transform and read failures have none.
    List<DeadLetters.Entry> letters = requeued.stream().filter(entry -> entry.letter().record() != null).toList();
    if (letters.isEmpty()) {
      return Due.NONE;
    }
    // Keyed and typed as when first written, from the stored event, so that a partitioned destination
    // puts the record beside its connection's others.
    Map<Long, StoredEvent> sources = sourceEvents(letters);
    List<OutputRecord> records = new ArrayList<>(letters.size());
    for (DeadLetters.Entry entry : letters) {
      DeliveryLedger.DeadLetter letter = entry.letter();
      StoredEvent source = sources.get(letter.sourceSeq());
      records.add(OutputRecord.ofJson(letter.stream(), letter.sourceSeq(), letter.eventId(),
          source == null ? null : Stage.keyOf(source), source == null ? typeOf(letter.record()) : source.type(),
          letter.record()));
    }
    return new Due(letters, records);
  }

  /** Records in the ledger what became of the letters of {@code due} as they are written. */
  OutputWorker.Settled settling(Due due) {
    return new OutputWorker.Settled() {
      @Override
      public void delivered(int from, int to) throws InterruptedException {
        if (from == to) {
          return;
        }
        List<Long> ids = due.letters().subList(from, to).stream().map(DeadLetters.Entry::id).toList();
        // Counted before the ledger says so, as on the main path: whoever sees a letter delivered sees it counted.
        stats.deliveredUntimed(to - from);
        LedgerWrites.untilDone(() -> deadLetters.delivered(ids), stopping, failing);
      }

      @Override
      public void refused(int at, String error) throws InterruptedException {
        long refused = due.letters().get(at).id();
        stats.deadLettered.increment();
        stats.lastError.set(error);
        LedgerWrites.untilDone(() -> deadLetters.refusedAgain(refused, error), stopping, failing);
      }
    };
  }

  private Map<Long, StoredEvent> sourceEvents(List<DeadLetters.Entry> letters) {
    try {
      return deadLetters.sourceEvents(letters);
    } catch (UncheckedStoreException e) {
      return Map.of(); // the records go out all the same, without their key
    }
  }

  /** The {@code type} of a record's JSON, as the record of a stored event has it; null if none. */
  private static String typeOf(String json) {
    try {
      JsonNode type = EventJson.mapper().readTree(json).get("type");
      return type != null && type.isTextual() ? type.asText() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
