package io.datasipper.output.redis;

import io.datasipper.api.output.MissingFieldException;
import io.datasipper.api.output.Output;
import io.datasipper.api.output.RedactedUrl;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import io.lettuce.core.RedisFuture;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each batch as one pipeline of commands: queue one command per record, flush once, then
 * wait for all replies. The records up to the first failure are delivered; a record with a field
 * its templates need but lacks is refused (dead-lettered) and nothing after it is sent in that
 * write, so records stay in order.
 */
public final class RedisOutput implements Output {
  private static final Logger LOG = LoggerFactory.getLogger(RedisOutput.class);

  private final String name;
  private final Connection connection;
  private final RecordWriter writer;
  private RedisLink link;
  private boolean warnedUnheard;

  RedisOutput(String name, Connection connection, RecordWriter writer) {
    this.name = name;
    this.connection = connection;
    this.writer = writer;
  }

  @Override
  public void start() {
    link = RedisLink.open(connection);
  }

  @Override
  public WriteResult write(List<OutputRecord> batch) {
    List<RedisFuture<?>> commands = new ArrayList<>(batch.size());
    String refusal = null;
    for (OutputRecord record : batch) {
      try {
        commands.add(writer.send(link.commands(), record));
      } catch (MissingFieldException e) {
        refusal = e.getMessage();
        break;
      }
    }
    List<RedisFuture<?>> housekeeping = writer.finishBatch(link.commands());
    link.flush();
    long unheardBefore = unheardPublishes();
    WriteResult result = Replies.await(commands, writer, refusal, connection.timeout());
    housekeeping.forEach(f -> f.exceptionally(e -> {
      LOG.warn("output {}: housekeeping command failed: {}", name, e.toString());
      return null;
    }));
    logUnheard(unheardPublishes() - unheardBefore, result.delivered());
    return result;
  }

  private void logUnheard(long unheard, int published) {
    if (!(writer instanceof PublishWriter) || unheard == 0) {
      return;
    }
    LOG.debug("output {}: {} of {} PUBLISHes reached no subscriber", name, unheard, published);
    if (!warnedUnheard) {
      warnedUnheard = true;
      LOG.warn("output {}: PUBLISHes reach no subscriber; pub/sub keeps nothing, so those messages are gone"
          + " (counted in unheard publishes; use mode stream or list to keep them)", name);
    }
  }

  /**
   * How many PUBLISHes Redis accepted but delivered to no subscriber (mode {@code pubsub}; 0 for
   * the other modes). In a cluster a PUBLISH reports the subscribers on the node that took it only.
   */
  public long unheardPublishes() {
    return writer instanceof PublishWriter p ? p.unheard() : 0;
  }

  @Override
  public void stop() {
    if (link != null) {
      link.close();
      link = null;
    }
  }

  @Override
  public String toString() {
    return "redis output " + name + " at " + RedactedUrl.of(connection.uri().toString());
  }
}
