package io.datasipper.server.feed;

import io.datasipper.api.event.EventStamps;
import io.datasipper.route.Router;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.server.events.EventsPart;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A real store and its writer, served as the dashboard reads them: the events API and the feed on
 * a local server, their streams decided by {@code routing}, and an API client for it.
 */
final class ServedEvents implements AutoCloseable {
  final EventStore store;
  final StoreWriter writer;
  final EventStamps stamps = new EventStamps(1);
  final FeedPart feed;
  final LocalServer server;
  final ApiClient api;

  ServedEvents(Path dataDir, Supplier<Router> routing) throws Exception {
    store = EventStore.open(dataDir);
    RingBuffer ring = new RingBuffer();
    writer = new StoreWriter(store, ring, stamps, StoreWriter.Settings.defaults());
    feed = new FeedPart(store, new RingSource(ring), FeedLimits.defaults(), routing);
    server = LocalServer.start(0, List.of(new EventsPart(store, name -> Optional.empty(), routing), feed));
    api = new ApiClient(server);
  }

  /** Stores an HTTP exchange of {@code url} under the next seq. */
  void http(String url) {
    long seq = stamps.nextSeq();
    writer.accept(FeedEvents.http("http-" + seq, seq, url));
  }

  /** Stores a received frame of the WebSocket at {@code url} under the next seq. */
  void frame(String url, String payload) {
    long seq = stamps.nextSeq();
    writer.accept(FeedEvents.frame("frame-" + seq, seq, url, payload));
  }

  @Override
  public void close() {
    server.close();
    feed.close();
    writer.close();
    store.close();
  }
}
