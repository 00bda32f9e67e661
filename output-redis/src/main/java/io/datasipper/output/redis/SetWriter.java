package io.datasipper.output.redis;

import io.datasipper.api.output.MissingFieldException;
import io.datasipper.api.output.RecordTemplate;
import io.datasipper.api.output.OutputRecord;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/** {@code mode: set}: SADD of the {@code member} expression (default the JSON value) to the {@code key} template. */
final class SetWriter implements RecordWriter {
  private final RecordTemplate key;
  private final RecordTemplate member;

  SetWriter(RecordTemplate key, RecordTemplate member) {
    this.key = key;
    this.member = member;
  }

  @Override
  public RedisFuture<?> send(RedisClusterAsyncCommands<String, String> redis, OutputRecord record)
      throws MissingFieldException {
    String target = key.render(record);
    return redis.sadd(target, member.render(record));
  }
}
