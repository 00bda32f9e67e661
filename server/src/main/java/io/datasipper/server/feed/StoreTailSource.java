package io.datasipper.server.feed;

import io.datasipper.store.EventStore;
import io.datasipper.store.SeqReader;
import io.datasipper.store.StoredEvent;
import io.datasipper.store.UncheckedStoreException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live events of a data directory nobody captures into from this process ({@code datasipper
 * serve}): one thread reads the store for seqs above the last it saw, waking at once when this
 * process commits and every {@code pollInterval} for commits of other processes. It starts at the
 * highest seq stored when it is made; earlier events are the catch-up's.
 *
 * <p>Each read starts {@link FeedLimits#REORDER_SLACK} seqs below the last seen, so that an event
 * committed after a higher seq (two capture threads stamping and storing in the other order) is
 * still found; the events seen twice are not published twice.
 */
final class StoreTailSource implements LiveSource {
  private static final Logger LOG = LoggerFactory.getLogger(StoreTailSource.class);
  private static final int PAGE = 500;

  private final EventStore store;
  private final Duration pollInterval;
  private final Listeners listeners = new Listeners();
  private final Thread poller;
  private volatile boolean closed;

  StoreTailSource(EventStore store, Duration pollInterval) {
    this.store = store;
    this.pollInterval = pollInterval;
    long start = store.maxSeq();
    this.poller = Thread.ofPlatform().name("datasipper-feed-tail").daemon().start(() -> poll(start));
  }

  private void poll(long start) {
    DeliveredSeqs seen = new DeliveredSeqs(start);
    long last = start;
    try (SeqReader reader = store.openSeqReader()) {
      while (!closed) {
        List<StoredEvent> page;
        try {
          page = reader.after(Math.max(0, last - FeedLimits.REORDER_SLACK), PAGE);
        } catch (UncheckedStoreException e) {
          LOG.warn("the live feed cannot read new events: {}", e.getMessage());
          page = List.of();
        }
        for (StoredEvent stored : page) {
          last = Math.max(last, stored.seq());
          if (seen.firstTime(stored.seq())) {
            FeedEvent event = FeedEvent.stored(stored);
            if (event != null) {
              listeners.publish(event);
            }
          }
        }
        // After a full page more are likely waiting: read on at once.
        if (page.size() < PAGE) {
          store.awaitCommitAfter(last, pollInterval);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // close() ends the thread this way
    } catch (IllegalStateException e) {
      if (!closed) {
        LOG.warn("the live feed stopped reading the store: {}", e.getMessage());
      }
    }
  }

  @Override
  public Subscription subscribe(Consumer<FeedEvent> listener) {
    return listeners.add(listener);
  }

  @Override
  public List<FeedEvent> recent(long afterSeq) {
    return List.of();
  }

  @Override
  public long head() {
    return store.maxSeq();
  }

  @Override
  public void close() {
    closed = true;
    poller.interrupt();
    try {
      poller.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
