package io.datasipper.bench;

import io.datasipper.capture.CaptureRules;
import io.datasipper.server.LocalServer;
import io.datasipper.server.feed.FeedLimits;
import io.datasipper.server.feed.FeedPart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DataSipper as {@link DataSipperReader} runs it, plus the local server's live feed with
 * subscribers over real WebSockets: what {@code sip} does while a dashboard and scripts watch. The
 * capture's frames are still counted where {@link DataSipperReader} counts them (its ring
 * buffer), so its latency is comparable with a run without subscribers.
 */
final class FeedReader extends CaptureDelegatingReader {
  private static final long DRAIN_QUIET_NANOS = 5_000_000_000L;
  private static final long DRAIN_MAX_NANOS = 60_000_000_000L;

  private final FrameTally captureTally;
  private final List<StepPlan> plans;
  private final int subscribers;
  private final long slowDelayNanos;
  private final String subscribe;
  private final List<FeedSubscriber> clients = new ArrayList<>();
  private FeedPart feed;
  private LocalServer server;

  /**
   * @param subscribers how many clients subscribe; the first is slow if {@code slowDelayNanos} is positive
   * @param subscribe their subscribe message
   */
  FeedReader(Path chromium, Path dir, FrameTally tally, List<StepPlan> plans, int subscribers, long slowDelayNanos,
      String subscribe) {
    super(new DataSipperReader(chromium, dir, tally, plans.size(), CaptureRules.defaults()));
    this.captureTally = tally;
    this.plans = plans;
    this.subscribers = subscribers;
    this.slowDelayNanos = slowDelayNanos;
    this.subscribe = subscribe;
  }

  @Override
  public void start(String pageUrl) throws Exception {
    capture.start(pageUrl);
    feed = FeedPart.overRing(capture.store(), capture.ring(), FeedLimits.defaults());
    server = LocalServer.start(0, List.of(feed));
    for (int i = 0; i < subscribers; i++) {
      clients.add(new FeedSubscriber(server, plans, i == 0 ? slowDelayNanos : 0, subscribe));
    }
  }

  /** The subscribers, with what they got; complete after {@link #close}. */
  List<FeedSubscriber> subscribers() {
    return clients;
  }

  /** Lets the subscribers take what the capture saw (or be told they missed it), then stops everything. */
  @Override
  public void close() {
    try {
      awaitSubscribers();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      clients.forEach(FeedSubscriber::close);
      if (server != null) {
        server.close();
      }
      if (feed != null) {
        feed.close();
      }
      capture.close();
    }
  }

  private void awaitSubscribers() throws InterruptedException {
    // Sending is over: the slow client reads at full speed again and takes what was queued for it,
    // with the count of what was dropped, so that its tally is complete.
    clients.forEach(FeedSubscriber::resume);
    long start = System.nanoTime();
    long lastProgress = start;
    long last = -1;
    // Bounded by time: DRAIN_MAX_NANOS, or DRAIN_QUIET_NANOS without a message.
    while (System.nanoTime() - start < DRAIN_MAX_NANOS && System.nanoTime() - lastProgress < DRAIN_QUIET_NANOS) {
      long seen = captured();
      boolean done = clients.stream().allMatch(c -> frames(c.tally()) + c.missed() >= seen);
      if (done) {
        return;
      }
      long messages = clients.stream().mapToLong(FeedSubscriber::messages).sum();
      if (messages != last) {
        last = messages;
        lastProgress = System.nanoTime();
      }
      Thread.sleep(50);
    }
  }

  private long captured() {
    return frames(captureTally);
  }

  private long frames(FrameTally tally) {
    long n = 0;
    for (int i = 0; i < plans.size(); i++) {
      n += tally.step(i).distinct();
    }
    return n;
  }
}
