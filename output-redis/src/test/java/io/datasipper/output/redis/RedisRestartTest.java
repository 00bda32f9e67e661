package io.datasipper.output.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.output.testkit.OutputEvents;
import io.datasipper.output.testkit.OutputUnderTest;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineStats;
import io.datasipper.store.EventStore;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test: the Redis is crashed (SIGKILL) in the middle of a delivery and started again. Every
 * event must be there afterwards, at least once; the duplicates are counted. The server is one this
 * test starts on a free port, with an append-only file synced on every write, so whatever it
 * acknowledged before the crash survives it, as on a production server with persistence.
 */
class RedisRestartTest {
  static final OutputUnderTest REDIS = new OutputUnderTest("redis", "redis");
  static final int EVENTS = 40_000;
  @TempDir Path dir;

  @Test
  void everyEventIsDeliveredAtLeastOnceAcrossARedisCrash() throws Exception {
    try (LocalRedis redis = LocalRedis.start(dir.resolve("redis"), "--appendonly", "yes", "--appendfsync", "always");
        EventStore store = EventStore.open(dir.resolve("data"))) {
      OutputEvents.fill(store, 1, EVENTS, 200);
      Pipeline pipeline = Pipeline.start(REDIS.pipeline(Map.of("url", redis.url(), "mode", "stream",
          "key", "all", "timeout_ms", 2_000)), store, new Outputs(), null);
      PipelineStats.OutputCounters stats = pipeline.stats().output("redis");
      waitUntil(() -> stats.delivered() >= EVENTS / 5);
      redis.kill();
      long deliveredAtCrash = stats.delivered();
      Thread.sleep(1_000);
      redis.restart();
      assertThat(pipeline.drain(Duration.ofSeconds(120))).as("drained after the restart").isTrue();

      assertThat(deliveredAtCrash).as("the crash came mid-stream").isLessThan(EVENTS);
      assertThat(stats.retries()).as("the output saw the outage").isPositive();
      Map<Long, Integer> copies = copiesBySeq(redis.url());
      assertThat(copies.keySet()).containsExactlyElementsOf(LongStream.rangeClosed(1, EVENTS).boxed().toList());
      long duplicates = copies.values().stream().mapToLong(n -> n - 1).sum();
      System.out.printf("redis restart: %d events, %d delivered before the crash, %d retries, %d duplicates%n",
          EVENTS, deliveredAtCrash, stats.retries(), duplicates);
      assertThat(duplicates).as("only the batches in flight at the crash are sent twice").isLessThan(5_000);
    }
  }

  private static Map<Long, Integer> copiesBySeq(String url) {
    RedisClient client = RedisClient.create(url);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      Map<Long, Integer> copies = new TreeMap<>();
      List<StreamMessage<String, String>> entries = c.sync().xrange("all", Range.create("-", "+"));
      for (StreamMessage<String, String> e : entries) {
        copies.merge(Long.parseLong(e.getBody().get("event_id").substring(1)), 1, Integer::sum);
      }
      return copies;
    } finally {
      client.shutdown();
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
      Thread.sleep(1);
    }
  }
}
