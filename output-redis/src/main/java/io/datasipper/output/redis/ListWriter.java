package io.datasipper.output.redis;

import io.datasipper.api.output.MissingFieldException;
import io.datasipper.api.output.RecordTemplate;
import io.datasipper.api.output.OutputRecord;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code mode: list}: RPUSH ({@code push: right}, a queue read with LPOP/BLPOP) or LPUSH
 * ({@code push: left}, newest first) of the JSON value to the {@code key} template. With
 * {@code trim}, each list touched keeps its newest {@code trim} elements: one LTRIM per list per
 * batch rather than per record, which would double the commands.
 */
final class ListWriter implements RecordWriter {
  private final RecordTemplate key;
  private final boolean left;
  private final long trim;
  private final Set<String> touched = new LinkedHashSet<>();

  ListWriter(RecordTemplate key, boolean left, long trim) {
    this.key = key;
    this.left = left;
    this.trim = trim;
  }

  @Override
  public RedisFuture<?> send(RedisClusterAsyncCommands<String, String> redis, OutputRecord record)
      throws MissingFieldException {
    String target = key.render(record);
    if (trim > 0) {
      touched.add(target);
    }
    String json = record.json();
    return left ? redis.lpush(target, json) : redis.rpush(target, json);
  }

  @Override
  public List<RedisFuture<?>> finishBatch(RedisClusterAsyncCommands<String, String> redis) {
    List<RedisFuture<?>> trims = new ArrayList<>(touched.size());
    for (String target : touched) {
      trims.add(left ? redis.ltrim(target, 0, trim - 1) : redis.ltrim(target, -trim, -1));
    }
    touched.clear();
    return trims;
  }
}
