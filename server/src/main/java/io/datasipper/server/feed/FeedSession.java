package io.datasipper.server.feed;

import io.datasipper.route.Router;
import io.datasipper.server.feed.SocketWriter.ClientGone;
import io.datasipper.store.EventStore;
import io.datasipper.store.SeqReader;
import io.datasipper.store.StoredEvent;
import io.datasipper.store.UncheckedStoreException;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the feed, from its subscribe message to its disconnection. Its events are sent by a
 * virtual thread of its own, in batches ({@link SocketWriter}), each event a message of its own or,
 * if the client asked, a batch's events in one ({@link Outbox}): a client that reads slowly slows
 * its own thread only, while the live source keeps filling its bounded {@link ClientQueue}, which
 * drops for it alone what does not fit.
 *
 * <p>With {@code since}, the catch-up reads the store first without holding live events (a long
 * catch-up would overflow the queue), up to the newest stored event. Then it subscribes to the live
 * source and reads, in this order, what the store got meanwhile and what the source holds in memory
 * (events not stored yet), and goes on with the queue. An event can come from two of these, and
 * events are stamped on more than one thread, so slightly out of seq order: {@link DeliveredSeqs}
 * sends each seq once. Nothing falls in between as long as the store writer is less than the ring
 * buffer behind the capture (10,000 events by default).
 */
final class FeedSession {
  private static final Logger LOG = LoggerFactory.getLogger(FeedSession.class);
  private static final int PAGE = 500;
  private static final int TAKE_MAX = 256;
  /** A batch's events are taken at once: a client that asked for batches gets a period's in a message. */
  private static final int BATCH_TAKE_MAX = 4_096;

  private final WsContext ctx;
  private final EventStore store;
  private final LiveSource source;
  private final ClientQueue queue;
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private volatile boolean closed;
  private volatile Thread sender;
  private volatile LiveSource.Subscription live;
  private Outbox out;
  private final Supplier<Router> routing;
  private final FeedTraffic traffic;
  /** Whether the client asked for each event's streams. The sender thread's, as is {@link #router}. */
  private boolean wantsStreams;
  /** The streams' router for the batch being sent, for a client that asked for streams; else null. */
  private Router router;
  /** Whether the client asked for summaries of the events. The sender thread's. */
  private boolean summed;
  /** Whether the client asked for compact batches of summaries. The sender thread's. */
  private boolean compact;

  FeedSession(WsContext ctx, EventStore store, LiveSource source, FeedLimits limits, Supplier<Router> routing,
      FeedTraffic traffic) {
    this.ctx = ctx;
    this.traffic = traffic;
    this.store = store;
    this.source = source;
    this.routing = routing;
    this.queue = new ClientQueue(limits.maxQueuedEvents(), limits.maxQueuedBytes());
  }

  /**
   * A message from the client: a subscribe. A bad one is answered with an error naming the key and
   * what is wrong, and the connection stays open for a corrected one; a second one is refused, since
   * one connection carries one subscription.
   */
  void onMessage(String text) {
    if (subscribed.get()) {
      queue.notice(new Notice(FeedMessages.error(
          "subscribe: this connection is subscribed already; open another connection for another filter")));
      return;
    }
    Subscribe subscribe;
    try {
      subscribe = Subscribe.parse(text);
    } catch (Subscribe.BadSubscribe e) {
      // No sender runs yet: Jetty calls this once at a time per connection, so this is the only send.
      ctx.session.sendText(FeedMessages.error(e.getMessage()), Callback.NOOP);
      return;
    }
    subscribed.set(true);
    sender = Thread.ofVirtual().name("datasipper-feed-" + ctx.sessionId).start(() -> run(subscribe));
  }

  private void run(Subscribe subscribe) {
    wantsStreams = subscribe.streams();
    summed = subscribe.summary();
    compact = subscribe.compact();
    out = new Outbox(new SocketWriter(ctx.session, traffic), subscribe.batchMillis() != null);
    try {
      if (subscribe.since() == null) {
        goLive();
        DeliveredSeqs seen = new DeliveredSeqs(source.head());
        send(FeedMessages.live(null, null));
        out.flush();
        stream(subscribe, seen);
      } else {
        DeliveredSeqs seen = new DeliveredSeqs(subscribe.since());
        long caughtUp = catchUp(subscribe.since(), subscribe.filter(), seen);
        send(FeedMessages.live(subscribe.since(), caughtUp));
        out.flush();
        stream(subscribe, seen);
      }
    } catch (InterruptedException e) {
      // close() stops the thread this way: the client is gone.
    } catch (ClientGone e) {
      LOG.debug("feed client {} is gone: {}", ctx.sessionId, e.getMessage());
    } catch (UncheckedStoreException | IllegalStateException e) {
      if (!closed) {
        LOG.warn("the live feed stopped for a client: {}", e.getMessage());
        ctx.session.sendText(FeedMessages.error("the feed stopped: " + e.getMessage()), Callback.NOOP);
        ctx.closeSession(1011, "the feed cannot read the store");
      }
    } finally {
      release();
    }
  }

  private void goLive() {
    live = source.subscribe(queue::offer);
    if (closed) {
      release();
    }
  }

  /** Sends the events above {@code since}, subscribes to the live source, and says how many it sent. */
  private long catchUp(long since, FeedFilter filter, DeliveredSeqs seen) throws InterruptedException, ClientGone {
    long[] sent = {0};
    try (SeqReader reader = store.openSeqReader()) {
      long cursor = readStore(reader, since, filter, seen, sent);
      goLive();
      while (true) {
        long before = cursor;
        long stored = readStore(reader, cursor, filter, seen, sent);
        cursor = stored;
        List<FeedEvent> held = source.recent(Math.max(0, stored - FeedLimits.REORDER_SLACK));
        long firstHeld = held.stream().mapToLong(FeedEvent::seq).filter(s -> s > stored).min().orElse(Long.MAX_VALUE);
        // Memory starts past a hole after the store's newest, and the store was still growing: the
        // events in the hole may have been pushed out of memory and stored meanwhile; read again.
        if (stored > before && firstHeld != Long.MAX_VALUE && firstHeld > stored + 1) {
          continue;
        }
        newBatch();
        for (FeedEvent e : held) {
          if (deliver(e, filter, seen)) {
            sent[0]++;
          }
        }
        return sent[0];
      }
    }
  }

  /** Sends the stored events above {@code cursor} up to the newest; returns the highest seq read. */
  private long readStore(SeqReader reader, long cursor, FeedFilter filter, DeliveredSeqs seen, long[] sent)
      throws InterruptedException, ClientGone {
    while (true) {
      if (closed) {
        throw new InterruptedException();
      }
      List<StoredEvent> page = reader.after(cursor, PAGE);
      newBatch();
      for (StoredEvent stored : page) {
        cursor = Math.max(cursor, stored.seq());
        if (deliver(FeedEvent.stored(stored), filter, seen)) {
          sent[0]++;
        }
      }
      out.flush();
      if (page.size() < PAGE) {
        return cursor;
      }
    }
  }

  private void stream(Subscribe subscribe, DeliveredSeqs seen) throws InterruptedException, ClientGone {
    FeedFilter filter = subscribe.filter();
    Duration period = subscribe.batchMillis() == null ? null : Duration.ofMillis(subscribe.batchMillis());
    while (!closed) {
      List<QueueItem> items = period == null ? queue.take(TAKE_MAX) : queue.takeBatch(BATCH_TAKE_MAX, period);
      if (items.isEmpty()) {
        continue;
      }
      newBatch();
      for (QueueItem item : items) {
        switch (item) {
          case FeedEvent e -> deliver(e, filter, seen);
          case MissedRange run -> send(FeedMessages.missed(run));
          case Notice notice -> send(notice.json());
        }
      }
      out.flush();
    }
  }

  /** Sends the event if the client has not had it and wants it; true if sent. */
  private boolean deliver(FeedEvent e, FeedFilter filter, DeliveredSeqs seen) throws InterruptedException, ClientGone {
    if (e == null || !seen.firstTime(e.seq())) {
      return false;
    }
    try {
      if (!filter.matches(e)) {
        return false;
      }
      if (compact) {
        out.compact(e.summary(), router == null ? null : e.streams(router));
      } else {
        out.event(e.message(router, summed));
      }
    } catch (IllegalArgumentException unreadable) {
      LOG.debug("the feed skips event {}: {}", e.seq(), unreadable.getMessage());
      return false;
    }
    return true;
  }

  /** Takes the streams configured now, once a batch, for a client that asked for them. */
  private void newBatch() {
    if (wantsStreams) {
      router = routing.get();
    }
  }

  private void send(String message) throws ClientGone {
    out.message(message);
  }

  /** Events dropped for this client because it did not keep up. */
  long dropped() {
    return queue.dropped();
  }

  /** The client disconnected (or the server stops): stops its thread and its subscription. */
  void close() {
    closed = true;
    queue.close();
    release();
    Thread t = sender;
    if (t != null) {
      t.interrupt();
    }
  }

  private void release() {
    LiveSource.Subscription s = live;
    if (s != null) {
      s.close();
    }
  }
}
