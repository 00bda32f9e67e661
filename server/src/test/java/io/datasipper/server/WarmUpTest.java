package io.datasipper.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.config.ConfigSource;
import io.datasipper.server.feed.FeedPart;
import io.datasipper.store.EventStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server a command starts sends itself what a dashboard's first opening asks for: the page and
 * the files it loads (the stand-in build of the test class path), the live page's events and its
 * feed, each with the cookie the printed address's token is traded for, every one answered as a
 * browser's would be, and leaves nothing open behind. A request that gets no answer costs nothing but
 * its own time.
 */
class WarmUpTest {
  @TempDir Path dataDir;
  private EventStore store;
  private List<ServerPart> parts;
  private LocalServer server;

  @BeforeEach
  void start() throws Exception {
    store = EventStore.open(dataDir);
    parts = ApiParts.of(new ServerSources(dataDir, store, ConfigSource.read(null, dataDir, UnaryOperator.identity()), null, null, null));
    server = LocalServer.start(0, parts);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    store.close();
  }

  @Test
  void sendsTheFirstOpeningsRequestsAndEachIsAnswered() throws Exception {
    Map<FirstRequest, Integer> statuses = server.warmUp().get(30, TimeUnit.SECONDS);

    assertThat(statuses).containsOnlyKeys(
        FirstRequest.get("/"),
        FirstRequest.get("/assets/app-AbC12_-x.js"),
        FirstRequest.get("/assets/app-Zz9_8-yY.css"),
        FirstRequest.get("/api/events?order=newest&limit=1000&with_streams=true&summary=true"),
        FirstRequest.webSocket(FeedPart.PATH));
    statuses.forEach((request, status) -> assertThat(status).as(request.toString()).isEqualTo(request.webSocket() ? 101 : 200));
  }

  @Test
  void itsFeedConnectionIsClosedAfterwards() throws Exception {
    FeedPart feed = parts.stream().filter(FeedPart.class::isInstance).map(FeedPart.class::cast).findFirst().orElseThrow();
    server.warmUp().get(30, TimeUnit.SECONDS);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (feed.clients() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(feed.clients()).as("feed clients left after the warm-up").isZero();
  }

  @Test
  void withAWrongTokenNoCookieIsSetAndEveryRequestIsRefused() {
    List<FirstRequest> requests = List.of(FirstRequest.get("/"), FirstRequest.webSocket(FeedPart.PATH));

    Map<FirstRequest, Integer> statuses = new WarmUp(server.port(), "0".repeat(32), requests).send();

    assertThat(statuses).containsExactly(Map.entry(requests.get(0), 401), Map.entry(requests.get(1), 401));
  }

  @Test
  void aRequestWithoutAnAnswerIsReportedAndTheRestAreStillSent() throws Exception {
    int closedPort;
    try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = gone.getLocalPort();
    }
    List<FirstRequest> requests = List.of(FirstRequest.get("/"), FirstRequest.webSocket(FeedPart.PATH));

    Map<FirstRequest, Integer> statuses = new WarmUp(closedPort, server.token(), requests).send();

    assertThat(statuses).containsExactly(Map.entry(requests.get(0), WarmUp.NO_ANSWER), Map.entry(requests.get(1), WarmUp.NO_ANSWER));
  }
}
