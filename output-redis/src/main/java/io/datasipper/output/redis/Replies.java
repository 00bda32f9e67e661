package io.datasipper.output.redis;

import io.datasipper.api.output.WriteResult;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for the replies of a flushed batch, in order, and turns them into a {@link WriteResult}:
 * the records up to the first failed or missing reply are delivered. Error replies that the record
 * itself caused (WRONGTYPE, ERR) refuse it for good; anything else (the connection, the timeout,
 * a server that is loading, out of memory or read-only) may pass later and is retried.
 */
final class Replies {
  private Replies() {}

  /**
   * @param commands one per record, in batch order
   * @param writer told of each acknowledged reply
   * @param refusal why the record after the sent ones cannot be written, or null if all were sent
   */
  static WriteResult await(List<RedisFuture<?>> commands, RecordWriter writer, String refusal, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!commands.isEmpty()) {
      // Replies come in order on a connection: once the last is in, so are the others (on one
      // node), and this thread wakes once rather than once per network read.
      try {
        commands.getLast().await(timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancel(commands, 0);
        return WriteResult.retry(0, "interrupted while waiting for Redis");
      }
    }
    for (int i = 0; i < commands.size(); i++) {
      try {
        writer.acknowledged(commands.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (ExecutionException e) {
        cancel(commands, i + 1);
        return failed(i, e.getCause());
      } catch (TimeoutException | CancellationException e) {
        cancel(commands, i);
        return WriteResult.retry(i, "no reply from Redis within " + timeout.toMillis() + " ms");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancel(commands, i);
        return WriteResult.retry(i, "interrupted while waiting for Redis");
      }
    }
    return refusal == null ? WriteResult.allDelivered(commands.size()) : WriteResult.rejected(commands.size(), refusal);
  }

  /** Unsent commands are dropped; the pipeline sends them again with the retry. */
  private static void cancel(List<RedisFuture<?>> commands, int from) {
    for (int i = from; i < commands.size(); i++) {
      commands.get(i).cancel(false);
    }
  }

  private static WriteResult failed(int delivered, Throwable cause) {
    String error = "Redis: " + cause.getMessage();
    if (cause instanceof RedisCommandExecutionException && refusesRecord(String.valueOf(cause.getMessage()))) {
      return WriteResult.rejected(delivered, error);
    }
    return WriteResult.retry(delivered, error);
  }

  /** WRONGTYPE (the key holds another type) and plain ERR (e.g. a value over proto-max-bulk-len). */
  static boolean refusesRecord(String message) {
    return message.startsWith("WRONGTYPE") || (message.startsWith("ERR") && !message.startsWith("ERR unknown command"));
  }
}
