package io.datasipper.output.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * One pipelining connection to a Redis server or cluster. Commands are not flushed one by one but
 * once per batch ({@link #flush}), so a batch costs about one round trip.
 *
 * <p>While disconnected, commands fail at once instead of queueing in the client: the pipeline
 * retries the batch with backoff, and nothing piles up in memory behind a dead server.
 */
final class RedisLink implements AutoCloseable {
  private final AbstractRedisClient client;
  private final StatefulConnection<String, String> connection;
  private final RedisClusterAsyncCommands<String, String> commands;

  private RedisLink(AbstractRedisClient client, StatefulConnection<String, String> connection,
      RedisClusterAsyncCommands<String, String> commands) {
    this.client = client;
    this.connection = connection;
    this.commands = commands;
    connection.setAutoFlushCommands(false);
  }

  static RedisLink open(Connection settings) {
    if (settings.cluster()) {
      RedisClusterClient client = RedisClusterClient.create(settings.uri());
      // Lettuce 7 refreshes the topology on MOVED/ASK, reconnects and unknown nodes by default.
      client.setOptions(ClusterClientOptions.builder(options(settings)).build());
      try {
        StatefulRedisClusterConnection<String, String> c = client.connect(StringCodec.UTF8);
        return new RedisLink(client, c, c.async());
      } catch (RuntimeException e) {
        shutdown(client);
        throw e;
      }
    }
    RedisClient client = RedisClient.create(settings.uri());
    client.setOptions(options(settings));
    try {
      StatefulRedisConnection<String, String> c = client.connect(StringCodec.UTF8);
      return new RedisLink(client, c, c.async());
    } catch (RuntimeException e) {
      shutdown(client);
      throw e;
    }
  }

  private static ClientOptions options(Connection settings) {
    ClientOptions.Builder b = ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(settings.timeout()));
    if (settings.caFile() != null) {
      b.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(settings.caFile().toFile()).build());
    }
    return b.build();
  }

  RedisClusterAsyncCommands<String, String> commands() {
    return commands;
  }

  void flush() {
    connection.flushCommands();
  }

  @Override
  public void close() {
    connection.close();
    shutdown(client);
  }

  private static void shutdown(AbstractRedisClient client) {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
