package io.datasipper.output.kafka;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.PendingWrite;
import io.datasipper.api.output.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Sends records with Kafka's producer and counts a record delivered only once the broker has
 * acknowledged it (with {@code acks}, all in-sync replicas by default). A write sends the whole
 * batch and, when awaited, waits for every acknowledgement and reports the run of acknowledged
 * records from the start of the batch; the pipeline resends from the first one that was not.
 * Writes are started ahead of their acknowledgements ({@link #startWrite}), so the producer has the
 * next batch to send while the broker confirms the last.
 */
final class KafkaOutput implements Output {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Map<String, Object> producerConfig;
  private final RecordMapper mapper;
  private final Function<Map<String, Object>, Producer<byte[], byte[]>> producers;
  private Producer<byte[], byte[]> producer;
  private boolean producerBroken;
  /** Counts the writes started, so the newest can be told apart when it is awaited. */
  private long writesStarted;

  KafkaOutput(Map<String, Object> producerConfig, RecordMapper mapper) {
    this(producerConfig, mapper, KafkaProducer::new);
  }

  /** @param producers makes the producer from its configuration (tests inject faults here) */
  KafkaOutput(Map<String, Object> producerConfig, RecordMapper mapper,
      Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
    this.producerConfig = Map.copyOf(producerConfig);
    this.mapper = mapper;
    this.producers = producers;
  }

  @Override
  public void start() {
    producer = producers.apply(producerConfig);
  }

  @Override
  public WriteResult write(List<OutputRecord> batch) {
    return startWrite(batch).await();
  }

  @Override
  public Acknowledgements startWrite(List<OutputRecord> batch) {
    if (producerBroken) {
      stop();
      start();
      producerBroken = false;
    }
    Acknowledgements acks = new Acknowledgements(++writesStarted, batch);
    acks.sendingEnded(send(batch, acks.sent, acks));
    return acks;
  }

  /** The acknowledgements of one started write, counted as the producer answers each record. */
  final class Acknowledgements implements PendingWrite, Callback {
    private final long write;
    private final List<OutputRecord> batch;
    private final List<Future<RecordMetadata>> sent;
    private final CountDownLatch answered;
    private volatile boolean anyFailed;
    private WriteResult unsent;

    private Acknowledgements(long write, List<OutputRecord> batch) {
      this.write = write;
      this.batch = batch;
      this.sent = new ArrayList<>(batch.size());
      this.answered = new CountDownLatch(batch.size());
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception error) {
      if (error != null) {
        anyFailed = true;
      }
      answered.countDown();
    }

    /** @param unsent what became of the first record that could not be sent, or null if all were */
    private void sendingEnded(WriteResult unsent) {
      this.unsent = unsent;
      for (int i = sent.size(); i < batch.size(); i++) {
        answered.countDown(); // not sent: nothing to wait for
      }
    }

    @Override
    public WriteResult await() {
      if (write == writesStarted) {
        // The newest write: no later records fill its last batches, so send them now rather than
        // after linger.ms.
        producer.flush();
      }
      try {
        // One wake-up when the last record is answered. Waiting on each record's future in turn
        // woke this thread once per producer batch, which cost both threads a tenth of their CPU.
        answered.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return WriteResult.retry(0, "interrupted while waiting for Kafka's acknowledgements");
      }
      if (anyFailed) {
        for (int i = 0; i < sent.size(); i++) {
          try {
            sent.get(i).get(); // answered already: finds the first record that failed
          } catch (ExecutionException e) {
            return failed(i, batch.get(i), e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WriteResult.retry(i, "interrupted while waiting for Kafka's acknowledgements");
          }
        }
      }
      return unsent != null ? unsent : WriteResult.allDelivered(batch.size());
    }
  }

  /**
   * Sends the records in order into {@code sent} until one cannot be sent; returns what became of
   * that one, or null when all went out.
   */
  private WriteResult send(List<OutputRecord> batch, List<Future<RecordMetadata>> sent, Callback answered) {
    for (OutputRecord record : batch) {
      Future<RecordMetadata> ack;
      try {
        ack = producer.send(addressed(record), answered);
      } catch (UnaddressableRecordException e) {
        return WriteResult.rejected(sent.size(), e.getMessage());
      } catch (KafkaException e) {
        return failed(sent.size(), record, e);
      }
      sent.add(ack);
      if (ack.state() == Future.State.FAILED) {
        // Refused at once (no metadata within max.block.ms, too large): the rest would fare no better.
        return failed(sent.size() - 1, record, ack.exceptionNow());
      }
    }
    return null;
  }

  private ProducerRecord<byte[], byte[]> addressed(OutputRecord record) throws UnaddressableRecordException {
    ProducerRecord<byte[], byte[]> r = mapper.map(record);
    if (r.partition() != null) {
      // Kafka would wait max.block.ms for a partition that does not exist, then time out, and the
      // pipeline would retry forever: refuse the record instead.
      int count = producer.partitionsFor(r.topic()).size();
      if (r.partition() >= count) {
        throw new UnaddressableRecordException("partition " + r.partition() + " does not exist: topic " + r.topic()
            + " has " + count + " partition" + (count == 1 ? "" : "s"));
      }
    }
    return r;
  }

  private WriteResult failed(int index, OutputRecord record, Throwable error) {
    String message = "Kafka did not take record " + record.eventId() + " of stream " + record.stream() + ": "
        + error.getClass().getSimpleName() + ": " + error.getMessage();
    return switch (SendFailure.of(error)) {
      case RECORD_REFUSED -> WriteResult.rejected(index, message);
      case TRANSIENT -> WriteResult.retry(index, message);
      case PRODUCER_BROKEN -> {
        producerBroken = true;
        yield WriteResult.retry(index, message);
      }
    };
  }

  @Override
  public void stop() {
    if (producer != null) {
      producer.close(CLOSE_TIMEOUT);
      producer = null;
    }
  }
}
