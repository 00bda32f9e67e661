package io.datasipper.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.server.feed.FeedLimits;
import io.datasipper.server.feed.FeedPart;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live feed's clients, and the messages and bytes it sent them, as Prometheus reads them. */
class FeedMetricsTest {
  @TempDir Path dir;

  @Test
  void theFeedsClientsAndWhatItSentThemAreCounted() throws Exception {
    try (EventStore store = EventStore.open(dir.resolve("data"));
        FeedPart feed = FeedPart.overRing(store, new RingBuffer(), FeedLimits.defaults());
        MetricsPart metrics = new MetricsPart(MetricsSources.of(dir.resolve("data"), store).withFeed(feed));
        LocalServer server = LocalServer.start(0, List.of(feed, metrics))) {
      ApiClient api = new ApiClient(server);
      PrometheusText before = new PrometheusText(api.get("/metrics").body());
      assertThat(before.value("datasipper_feed_clients")).isZero();
      assertThat(before.value("datasipper_feed_sent_messages_total")).isZero();

      CompletableFuture<String> live = new CompletableFuture<>();
      WebSocket socket = api.http().newWebSocketBuilder().header("Authorization", "Bearer " + server.token())
          .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + FeedPart.PATH), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
              live.complete(data.toString());
              return null;
            }
          }).get(20, TimeUnit.SECONDS);
      socket.sendText("{}", true);
      String message = live.get(20, TimeUnit.SECONDS);

      PrometheusText after = new PrometheusText(api.get("/metrics").body());
      assertThat(after.value("datasipper_feed_clients")).isEqualTo(1);
      assertThat(after.value("datasipper_feed_sent_messages_total")).isEqualTo(1);
      assertThat(after.value("datasipper_feed_sent_bytes_total"))
          .isEqualTo(message.getBytes(StandardCharsets.UTF_8).length);
      assertThat(after.types).containsEntry("datasipper_feed_sent_bytes_total", "counter")
          .containsEntry("datasipper_feed_clients", "gauge");
      socket.abort();
    }
  }
}
