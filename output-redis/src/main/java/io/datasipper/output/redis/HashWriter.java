package io.datasipper.output.redis;

import io.datasipper.api.output.MissingFieldException;
import io.datasipper.api.output.RecordTemplate;
import io.datasipper.api.output.OutputRecord;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code mode: hash}: HSET of the {@code fields} (name to expression) on the {@code key} template. */
final class HashWriter implements RecordWriter {
  private final RecordTemplate key;
  private final Map<String, RecordTemplate> fields;

  HashWriter(RecordTemplate key, Map<String, RecordTemplate> fields) {
    this.key = key;
    this.fields = fields;
  }

  @Override
  public RedisFuture<?> send(RedisClusterAsyncCommands<String, String> redis, OutputRecord record)
      throws MissingFieldException {
    String target = key.render(record);
    Map<String, String> values = new LinkedHashMap<>(fields.size() * 2);
    for (Map.Entry<String, RecordTemplate> f : fields.entrySet()) {
      values.put(f.getKey(), f.getValue().render(record));
    }
    return redis.hset(target, values);
  }
}
