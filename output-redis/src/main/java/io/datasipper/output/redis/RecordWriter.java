package io.datasipper.output.redis;

import io.datasipper.api.output.MissingFieldException;
import io.datasipper.api.output.OutputRecord;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.List;

/**
 * How one mode turns a record into a Redis command. {@link #send} renders everything first and
 * only then queues the command, so a record with a missing field sends nothing.
 */
sealed interface RecordWriter permits PublishWriter, StreamWriter, ListWriter, SetWriter, HashWriter {

  /** Queues the record's command (not flushed yet); its reply acknowledges the record. */
  RedisFuture<?> send(RedisClusterAsyncCommands<String, String> redis, OutputRecord record) throws MissingFieldException;

  /** Queues housekeeping after a batch (e.g. trimming); its replies acknowledge no record. */
  default List<RedisFuture<?>> finishBatch(RedisClusterAsyncCommands<String, String> redis) {
    return List.of();
  }

  /** Sees the reply of each acknowledged record, in order. */
  default void acknowledged(Object reply) {}
}
