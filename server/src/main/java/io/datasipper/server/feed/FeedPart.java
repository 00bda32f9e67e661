package io.datasipper.server.feed;

import io.datasipper.server.ServerPart;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.javalin.config.RoutesConfig;
import io.datasipper.route.Router;
import io.datasipper.server.ConfiguredStreams;
import io.datasipper.server.FirstRequest;
import io.javalin.websocket.WsContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live event feed, {@code GET /api/feed} (a WebSocket). The client sends one subscribe message,
 * {@code {"filter": <stream-rule condition or list of conditions>, "since": <seq>, "streams": true}}
 * (all optional), and gets, one JSON message each:
 *
 * <ul>
 *   <li>with {@code since}, every stored event above it that matches the filter, oldest first;
 *   <li>{@code {"live": true, ...}} once the subscription is live;
 *   <li>every event that matches the filter as it is captured: its JSON as stored
 *       (docs/events.md), which always has a {@code type} key; with {@code "streams": true}, wrapped
 *       as {@code {"event": <its JSON>, "streams": [<the configured streams that take it>]}};
 *   <li>{@code {"missed": N, "from_seq": A, "to_seq": B}} where N events were dropped for this
 *       client because it read too slowly (counted before the filter, so some may not have matched:
 *       fetch them from the store by seq if they matter), after which it resumes live;
 *   <li>{@code {"error": "..."}} for a bad subscribe message, naming the key and what is wrong; the
 *       connection stays open for a corrected one.
 * </ul>
 *
 * <p>Build it with {@link #overRing} while this process captures, or {@link #tailing} when it only
 * serves a data directory. Close it when the server stops.
 */
public final class FeedPart implements ServerPart, AutoCloseable {
  public static final String PATH = "/api/feed";
  /** Pings keep a quiet subscription (a filter nothing matches) from the idle timeout. */
  private static final long PING_SECONDS = 15;

  private final EventStore store;
  private final LiveSource source;
  private final FeedLimits limits;
  private final Supplier<Router> routing;
  private final Map<String, Subscription> sessions = new ConcurrentHashMap<>();
  private final FeedTraffic traffic = new FeedTraffic();
  /**
   * The feed's own, stopped with it: Javalin's automatic pings run on a static thread that is not a
   * daemon and outlives the server, so a program that stops its server would never exit.
   */
  private final ScheduledExecutorService pinger =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("datasipper-feed-ping").daemon().factory());

  private record Subscription(FeedSession session, ScheduledFuture<?> pings) {
    void close() {
      pings.cancel(false);
      session.close();
    }
  }

  FeedPart(EventStore store, LiveSource source, FeedLimits limits, Supplier<Router> routing) {
    this.store = store;
    this.source = source;
    this.limits = limits;
    this.routing = routing;
  }

  /**
   * The feed of a running command with the default limits: from its ring buffer when it captures
   * ({@code ring} not null), else from the store.
   */
  public static FeedPart of(EventStore store, RingBuffer ring) {
    return of(store, ring, ConfiguredStreams.NONE);
  }

  /**
   * {@link #of(EventStore, RingBuffer)}, telling the clients that ask which streams take each event.
   *
   * @param routing the router of the streams configured now
   */
  public static FeedPart of(EventStore store, RingBuffer ring, Supplier<Router> routing) {
    FeedLimits limits = FeedLimits.defaults();
    return ring != null ? new FeedPart(store, new RingSource(ring), limits, routing)
        : new FeedPart(store, new StoreTailSource(store, limits.pollInterval()), limits, routing);
  }

  /** The feed of a capture running in this process: live events from its ring buffer. */
  public static FeedPart overRing(EventStore store, RingBuffer ring, FeedLimits limits) {
    return new FeedPart(store, new RingSource(ring), limits, ConfiguredStreams.NONE);
  }

  /** The feed of a data directory nothing captures into from this process: the store, polled for new events. */
  public static FeedPart tailing(EventStore store, FeedLimits limits) {
    return new FeedPart(store, new StoreTailSource(store, limits.pollInterval()), limits, ConfiguredStreams.NONE);
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.ws(PATH, ws -> {
      ws.onConnect(ctx -> sessions.put(ctx.sessionId, new Subscription(
          new FeedSession(ctx, store, source, limits, routing, traffic),
          pinger.scheduleAtFixedRate(ctx::sendPing, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS))));
      ws.onMessage(ctx -> {
        Subscription subscription = sessions.get(ctx.sessionId);
        if (subscription != null) {
          subscription.session().onMessage(ctx.message());
        }
      });
      ws.onClose(this::forget);
      ws.onError(this::forget);
    });
  }

  /** The live page opens the feed at once. */
  @Override
  public List<FirstRequest> firstRequests() {
    return List.of(FirstRequest.webSocket(PATH));
  }

  private void forget(WsContext ctx) {
    Subscription subscription = sessions.remove(ctx.sessionId);
    if (subscription != null) {
      subscription.close();
    }
  }

  /** How many clients are connected. */
  public int clients() {
    return sessions.size();
  }

  /** How many messages the feed sent its clients, events, batches and notices alike. */
  public long messagesSent() {
    return traffic.messages();
  }

  /** How many bytes those messages held, as UTF-8. */
  public long bytesSent() {
    return traffic.bytes();
  }

  /** Ends every subscription and stops reading the live source. The store is the caller's to close. */
  @Override
  public void close() {
    sessions.values().forEach(Subscription::close);
    sessions.clear();
    pinger.shutdownNow();
    source.close();
  }
}
