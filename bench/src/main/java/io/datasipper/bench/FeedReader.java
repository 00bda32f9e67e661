package io.datasipper.bench;

import io.datasipper.capture.CaptureRules;
import io.datasipper.server.LocalServer;
import io.datasipper.server.feed.FeedLimits;
import io.datasipper.server.feed.FeedPart;
import java.nio.file.Path;
import java.util.List;

/**
 * DataSipper as {@link DataSipperReader} runs it, plus the local server's live feed with
 * subscribers over real WebSockets from another process: what {@code sip} does while a dashboard
 * and scripts watch. The capture's frames are still counted where {@link DataSipperReader} counts
 * them (its ring buffer), so its latency is comparable with a run without subscribers.
 */
final class FeedReader extends CaptureDelegatingReader {
  private final FrameTally captureTally;
  private final List<StepPlan> plans;
  private final FeedClientProcess clients;
  private final int subscribers;
  private final long slowDelayNanos;
  private final String subscribe;
  private FeedPart feed;
  private LocalServer server;
  private FeedClientProcess.Result result;
  private long bytesSent;

  /**
   * @param clients the process the subscribers run in
   * @param subscribers how many clients subscribe; the first is slow if {@code slowDelayNanos} is positive
   * @param subscribe their subscribe message
   */
  FeedReader(Path chromium, Path dir, FrameTally tally, List<StepPlan> plans, FeedClientProcess clients,
      int subscribers, long slowDelayNanos, String subscribe) {
    super(new DataSipperReader(chromium, dir, tally, plans.size(), CaptureRules.defaults()));
    this.captureTally = tally;
    this.plans = plans;
    this.clients = clients;
    this.subscribers = subscribers;
    this.slowDelayNanos = slowDelayNanos;
    this.subscribe = subscribe;
  }

  @Override
  public void start(String pageUrl) throws Exception {
    capture.start(pageUrl);
    feed = FeedPart.overRing(capture.store(), capture.ring(), FeedLimits.defaults());
    server = LocalServer.start(0, List.of(feed));
    clients.connect(server, plans, subscribers, slowDelayNanos, subscribe);
  }

  /** What the subscribers got, and their process's CPU; set once closed. */
  FeedClientProcess.Result result() {
    return result;
  }

  /** The bytes the feed sent its subscribers over the whole run (the server's count); set once closed. */
  long bytesSent() {
    return bytesSent;
  }

  /** Lets the subscribers take what the capture saw (or be told they missed it), then stops everything. */
  @Override
  public void close() {
    try {
      result = clients.await(captured());
      bytesSent = feed.bytesSent();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      if (server != null) {
        server.close();
      }
      if (feed != null) {
        feed.close();
      }
      capture.close();
    }
  }

  private long captured() {
    long n = 0;
    for (int i = 0; i < plans.size(); i++) {
      n += captureTally.step(i).distinct();
    }
    return n;
  }
}
