package io.datasipper.server.feed;

import java.time.Duration;

/**
 * The feed's bounds.
 *
 * @param maxQueuedEvents the most events waiting to be sent to one client; more are dropped for
 *     it, and it is told how many
 * @param maxQueuedBytes the most bytes of events (by their approximate size) waiting for one client
 * @param pollInterval when serving a data directory nobody captures into from this process, how
 *     often the store is read for new events
 */
public record FeedLimits(int maxQueuedEvents, long maxQueuedBytes, Duration pollInterval) {
  /**
   * How far below the highest seq read the feed looks again for events committed late: events are
   * stamped on more than one thread, so they can reach the store slightly out of seq order.
   */
  static final int REORDER_SLACK = 64;

  public FeedLimits {
    if (maxQueuedEvents < 1) {
      throw new IllegalArgumentException("maxQueuedEvents: must be at least 1, got " + maxQueuedEvents);
    }
    if (maxQueuedBytes < 1) {
      throw new IllegalArgumentException("maxQueuedBytes: must be at least 1, got " + maxQueuedBytes);
    }
    if (pollInterval == null || !pollInterval.isPositive()) {
      throw new IllegalArgumentException("pollInterval: must be positive, got " + pollInterval);
    }
  }

  /**
   * 10,000 events or 16 MiB per client (5 s of a busy capture at 2,000 events/s), and the store
   * read 10 times a second when tailed.
   */
  public static FeedLimits defaults() {
    return new FeedLimits(10_000, 16L * 1024 * 1024, Duration.ofMillis(100));
  }

  public FeedLimits withMaxQueuedEvents(int n) {
    return new FeedLimits(n, maxQueuedBytes, pollInterval);
  }

  public FeedLimits withMaxQueuedBytes(long bytes) {
    return new FeedLimits(maxQueuedEvents, bytes, pollInterval);
  }

  public FeedLimits withPollInterval(Duration d) {
    return new FeedLimits(maxQueuedEvents, maxQueuedBytes, d);
  }
}
