package io.datasipper.output.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import io.datasipper.output.testkit.Delivery;
import io.datasipper.output.testkit.OutputEvents;
import io.datasipper.output.testkit.OutputUnderTest;
import io.datasipper.testkit.SampleEvents;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each mode through the pipeline to a real Redis, read back and compared event by event. */
class RedisModesTest {
  static final OutputUnderTest REDIS = new OutputUnderTest("redis", "redis");
  static final ObjectMapper JSON = new ObjectMapper();
  static final int EVENTS = 300;
  static final List<Long> FRAMES = LongStream.rangeClosed(1, EVENTS).filter(SampleEvents::isFrame).boxed().toList();
  static final List<Long> CALLS =
      LongStream.rangeClosed(1, EVENTS).filter(s -> !SampleEvents.isFrame(s)).boxed().toList();

  static String url;
  static RedisClient client;
  static StatefulRedisConnection<String, String> connection;
  static RedisCommands<String, String> redis;

  @TempDir Path dir;
  /** Every key of a test starts with this, so a shared Redis keeps its other data. */
  String prefix = "dstest:" + UUID.randomUUID() + ":";

  @BeforeAll
  static void connect() throws Exception {
    url = SharedRedis.url();
    client = RedisClient.create(url);
    connection = client.connect();
    redis = connection.sync();
  }

  @AfterAll
  static void disconnect() {
    connection.close();
    client.shutdown();
  }

  @AfterEach
  void removeKeys() {
    List<String> keys = redis.keys(prefix + "*");
    if (!keys.isEmpty()) {
      redis.del(keys.toArray(String[]::new));
    }
  }

  @Test
  void streamModeAddsOneEntryPerRecordWithTheEventAndItsIds() throws Exception {
    Delivery d = REDIS.deliver(dir, Map.of("url", url, "mode", "stream", "key", prefix + "${stream}"), EVENTS);
    assertThat(d.stats().delivered()).isEqualTo(EVENTS);
    assertEntries(redis.xrange(prefix + "frames", io.lettuce.core.Range.create("-", "+")), "frames", FRAMES, "ws_frame");
    assertEntries(redis.xrange(prefix + "calls", io.lettuce.core.Range.create("-", "+")), "calls", CALLS, "http");
  }

  private static void assertEntries(List<StreamMessage<String, String>> entries, String stream, List<Long> seqs,
      String type) throws Exception {
    assertThat(entries).hasSize(seqs.size());
    for (int i = 0; i < seqs.size(); i++) {
      Map<String, String> body = entries.get(i).getBody();
      long seq = seqs.get(i);
      assertThat(JSON.readTree(body.get("event"))).as("event of seq %d", seq).isEqualTo(OutputEvents.value(seq));
      assertThat(body).containsEntry("stream", stream).containsEntry("type", type).containsEntry("event_id", "e" + seq);
      assertThat(body.keySet()).containsExactly("event", "stream", "type", "event_id");
    }
  }

  @Test
  void streamModeWithMaxlenTrimsApproximately() throws Exception {
    REDIS.deliver(dir, Map.of("url", url, "mode", "stream", "key", prefix + "${stream}", "maxlen", 10), 1_500);
    // MAXLEN ~ trims whole internal nodes (100 entries by default), so a little more than 10 stays.
    assertThat(redis.xlen(prefix + "frames")).isBetween(10L, 250L);
    List<StreamMessage<String, String>> last = redis.xrevrange(prefix + "frames", io.lettuce.core.Range.create("-", "+"),
        io.lettuce.core.Limit.from(1));
    assertThat(last.getFirst().getBody()).containsEntry("event_id", "e1499");
  }

  @Test
  void listModePushesRightInOrderLeftNewestFirstAndTrims() throws Exception {
    REDIS.deliver(dir, Map.of("url", url, "mode", "list", "key", prefix + "right:${stream}"), EVENTS);
    assertThat(values(redis.lrange(prefix + "right:frames", 0, -1))).containsExactlyElementsOf(values(FRAMES));

    REDIS.deliver(dir.resolve("left"),
        Map.of("url", url, "mode", "list", "key", prefix + "left:${stream}", "push", "left"), EVENTS);
    assertThat(values(redis.lrange(prefix + "left:calls", 0, -1))).containsExactlyElementsOf(values(CALLS.reversed()));

    REDIS.deliver(dir.resolve("trim"), Map.of("url", url, "mode", "list", "key", prefix + "trim:${stream}", "trim", 50),
        EVENTS);
    assertThat(values(redis.lrange(prefix + "trim:frames", 0, -1)))
        .containsExactlyElementsOf(values(FRAMES.subList(FRAMES.size() - 50, FRAMES.size())));
  }

  @Test
  void setModeAddsTheMemberExpressionOrTheValue() throws Exception {
    REDIS.deliver(dir, Map.of("url", url, "mode", "set", "key", prefix + "ids:${stream}", "member", "${event_id}"),
        EVENTS);
    assertThat(redis.smembers(prefix + "ids:frames"))
        .isEqualTo(FRAMES.stream().map(s -> "e" + s).collect(Collectors.toSet()));

    REDIS.deliver(dir.resolve("json"), Map.of("url", url, "mode", "set", "key", prefix + "json:${stream}"), EVENTS);
    Set<String> members = redis.smembers(prefix + "json:calls");
    assertThat(values(List.copyOf(members))).containsExactlyInAnyOrderElementsOf(values(CALLS));
  }

  @Test
  void hashModeSetsTheFieldsAndDeadLettersRecordsWithoutAField() throws Exception {
    Map<String, Object> fields = Map.of("event", "${value}", "url", "${value.url}", "status", "${value.response.status}",
        "type", "${type}", "conn", "${key}");
    Delivery d = REDIS.deliver(dir, Map.of("url", url, "mode", "hash", "key", prefix + "${stream}:${event_id}",
        "fields", fields), EVENTS);
    for (long seq : CALLS) {
      Map<String, String> hash = redis.hgetall(prefix + "calls:e" + seq);
      assertThat(JSON.readTree(hash.get("event"))).isEqualTo(OutputEvents.value(seq));
      assertThat(hash).containsEntry("url", "http://127.0.0.1/api/orders/" + seq).containsEntry("status", "200")
          .containsEntry("type", "http").containsEntry("conn", "e" + seq).hasSize(5);
    }
    // WebSocket frames have no response.status: each is refused, dead-lettered, and the rest flows.
    assertThat(d.stats().delivered()).isEqualTo(CALLS.size());
    assertThat(d.stats().deadLettered()).isEqualTo(FRAMES.size());
    assertThat(d.deadFrames()).extracting(l -> l.sourceSeq()).containsExactlyInAnyOrderElementsOf(FRAMES);
    assertThat(d.deadFrames().getFirst().error())
        .isEqualTo("${value.response.status}: value.response.status is missing from the value (event e"
            + d.deadFrames().getFirst().sourceSeq() + ", stream frames)");
    assertThat(d.deadCalls()).isEmpty();
    assertThat(redis.keys(prefix + "frames:*")).isEmpty();
  }

  @Test
  void pubsubModePublishesAndCountsMessagesNobodyHeard() throws Exception {
    Output output = new RedisOutputFactory().create("live", Map.of("url", url, "mode", "pubsub",
        "channel", prefix + "${stream}"));
    output.start();
    try {
      assertThat(output.write(records(1, 50))).isEqualTo(WriteResult.allDelivered(50));
      assertThat(((RedisOutput) output).unheardPublishes()).isEqualTo(50);

      List<String> heard = new CopyOnWriteArrayList<>();
      try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub()) {
        sub.addListener(new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            heard.add(message);
          }
        });
        sub.sync().subscribe(prefix + "frames");
        assertThat(output.write(records(51, 150))).isEqualTo(WriteResult.allDelivered(100));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (heard.size() < 100 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
      }
      assertThat(values(heard))
          .containsExactlyElementsOf(LongStream.rangeClosed(51, 150).mapToObj(OutputEvents::value).toList());
      assertThat(((RedisOutput) output).unheardPublishes()).isEqualTo(50);
    } finally {
      output.stop();
    }
  }

  @Test
  void aRecordWithAWrongTypeKeyIsRefusedAndTheOnesBeforeItDelivered() throws Exception {
    redis.set(prefix + "e3", "a string, not a list");
    Output output = new RedisOutputFactory().create("typed", Map.of("url", url, "mode", "list", "key",
        prefix + "${event_id}"));
    output.start();
    try {
      WriteResult result = output.write(records(1, 5));
      assertThat(result.delivered()).isEqualTo(2);
      assertThat(result.outcome()).isEqualTo(WriteResult.Outcome.REJECTED);
      assertThat(result.error()).startsWith("Redis: WRONGTYPE");
    } finally {
      output.stop();
    }
  }

  @Test
  void aStoppedRedisMakesStartFailAndWritesAskForARetry() throws Exception {
    int port = LocalRedis.freePort();
    Output output = new RedisOutputFactory().create("down", Map.of("url", "redis://127.0.0.1:" + port, "mode", "stream"));
    org.assertj.core.api.Assertions.assertThatThrownBy(output::start).hasMessageContaining("127.0.0.1");
    output.stop();

    try (LocalRedis own = LocalRedis.start(dir.resolve("own"))) {
      Output live = new RedisOutputFactory().create("flaky", Map.of("url", own.url(), "mode", "stream"));
      live.start();
      assertThat(live.write(records(1, 10))).isEqualTo(WriteResult.allDelivered(10));
      own.kill();
      WriteResult result = live.write(records(11, 20));
      assertThat(result.outcome()).isEqualTo(WriteResult.Outcome.RETRY);
      assertThat(result.delivered()).isZero();
      live.stop();
    }
  }

  static List<OutputRecord> records(long from, long to) {
    return LongStream.rangeClosed(from, to)
        .mapToObj(seq -> new OutputRecord("frames", seq, "e" + seq, "conn-" + (seq % 2), OutputEvents.recordValue(seq)))
        .toList();
  }

  static List<JsonNode> values(List<?> jsonOrSeqs) {
    return jsonOrSeqs.stream().map(o -> {
      if (o instanceof Long seq) {
        return OutputEvents.value(seq);
      }
      try {
        return JSON.readTree((String) o);
      } catch (java.io.IOException e) {
        throw new AssertionError("not JSON: " + o, e);
      }
    }).toList();
  }
}
