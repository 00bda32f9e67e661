package io.datasipper.output.redis;

import io.datasipper.api.output.MissingFieldException;
import io.datasipper.api.output.RecordTemplate;
import io.datasipper.api.output.OutputRecord;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code mode: stream}: XADD to the {@code key} template with the fields {@code event} (the JSON
 * value), {@code stream}, {@code type} (when the value has a text {@code type}) and
 * {@code event_id}, which a consumer can use to drop the duplicates of at-least-once delivery.
 * With {@code maxlen}, trimming is approximate ({@code MAXLEN ~}): exact trimming costs Redis far more.
 */
final class StreamWriter implements RecordWriter {
  private final RecordTemplate key;
  private final XAddArgs args;

  StreamWriter(RecordTemplate key, long maxlen) {
    this.key = key;
    this.args = maxlen > 0 ? new XAddArgs().maxlen(maxlen).approximateTrimming() : new XAddArgs();
  }

  @Override
  public RedisFuture<?> send(RedisClusterAsyncCommands<String, String> redis, OutputRecord record)
      throws MissingFieldException {
    String target = key.render(record);
    Map<String, String> fields = new LinkedHashMap<>(8);
    fields.put("event", record.json());
    fields.put("stream", record.stream());
    if (record.eventType() != null) {
      fields.put("type", record.eventType());
    }
    fields.put("event_id", record.eventId());
    return redis.xadd(target, args, fields);
  }
}
