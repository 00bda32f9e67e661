package io.datasipper.output.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.output.testkit.Delivery;
import io.datasipper.output.testkit.OutputEvents;
import io.datasipper.output.testkit.OutputUnderTest;
import io.datasipper.testkit.SampleEvents;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster: true}: a three-node cluster this test builds; one pipelined batch spans all nodes. */
class RedisClusterTest {
  static final OutputUnderTest REDIS = new OutputUnderTest("redis", "redis");
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void recordsWhoseKeysHashToDifferentNodesAreAllWritten() throws Exception {
    List<LocalRedis> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        nodes.add(LocalRedis.start(dir.resolve("node" + i), "--cluster-enabled", "yes", "--cluster-config-file",
            "nodes.conf", "--cluster-node-timeout", "2000"));
      }
      createCluster(nodes);
      String seed = nodes.getFirst().url();
      Delivery d = REDIS.deliver(dir, Map.of("url", seed, "cluster", true, "mode", "hash",
          "key", "${stream}:${event_id}"), 300);
      assertThat(d.stats().delivered()).isEqualTo(300);

      RedisClusterClient client = RedisClusterClient.create(seed);
      try (StatefulRedisClusterConnection<String, String> c = client.connect()) {
        RedisAdvancedClusterCommands<String, String> redis = c.sync();
        Set<Integer> slots = new HashSet<>();
        for (long seq : LongStream.rangeClosed(1, 300).toArray()) {
          String key = (SampleEvents.isFrame(seq) ? "frames" : "calls") + ":e" + seq;
          slots.add(SlotHash.getSlot(key));
          Map<String, String> hash = redis.hgetall(key);
          assertThat(JSON.readTree(hash.get("event"))).as("event %d", seq).isEqualTo(OutputEvents.value(seq));
          assertThat(hash).containsEntry("event_id", "e" + seq);
        }
        assertThat(slots.stream().map(s -> s * 3 / 16384).distinct()).as("keys on every node").hasSize(3);
      } finally {
        client.shutdown();
      }
    } finally {
      for (LocalRedis n : nodes) {
        n.close();
      }
    }
  }

  private static void createCluster(List<LocalRedis> nodes) throws Exception {
    List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    nodes.forEach(n -> command.add("127.0.0.1:" + n.port));
    command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("redis-cli --cluster create:\n%s", output).isZero();
    assertThat(output).contains("All 16384 slots covered");
  }
}
