package io.datasipper.output.redis;

import io.datasipper.api.output.MissingFieldException;
import io.datasipper.api.output.RecordTemplate;
import io.datasipper.api.output.OutputRecord;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * {@code mode: pubsub}: PUBLISH of the JSON value to the {@code channel} template. Pub/sub keeps
 * nothing: a message published while no one subscribes is gone, yet Redis acknowledges it. So a
 * PUBLISH counts as delivered when Redis accepts it, and the ones that reached no subscriber are
 * counted here, for a log line and {@link RedisOutput#unheardPublishes()}.
 */
final class PublishWriter implements RecordWriter {
  private final RecordTemplate channel;
  private long unheard;

  PublishWriter(RecordTemplate channel) {
    this.channel = channel;
  }

  @Override
  public RedisFuture<?> send(RedisClusterAsyncCommands<String, String> redis, OutputRecord record)
      throws MissingFieldException {
    return redis.publish(channel.render(record), record.json());
  }

  @Override
  public void acknowledged(Object reply) {
    // PUBLISH replies with the number of clients that received the message (on that node, in a cluster).
    if (reply instanceof Long receivers && receivers == 0) {
      unheard++;
    }
  }

  long unheard() {
    return unheard;
  }
}
