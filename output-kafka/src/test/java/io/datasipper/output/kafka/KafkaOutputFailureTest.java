package io.datasipper.output.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.RecordTemplate;
import io.datasipper.api.output.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * What a write reports when Kafka fails some records: faults injected into a mock producer whose
 * flush acknowledges records in order and fails those it is told to.
 */
class KafkaOutputFailureTest {
  private final List<ScriptedProducer> made = new ArrayList<>();
  private final Map<Integer, RuntimeException> failures = new HashMap<>();
  private final KafkaOutput output = new KafkaOutput(Map.of(),
      new RecordMapper(RecordTemplate.parse("topic", "t"), null, null), config -> {
        ScriptedProducer p = new ScriptedProducer(failures);
        made.add(p);
        return p;
      });
  private final List<OutputRecord> batch = LongStream.rangeClosed(1, 5)
      .mapToObj(n -> new OutputRecord("s", n, "e" + n, "k", JsonNodeFactory.instance.objectNode().put("n", n)))
      .toList();

  KafkaOutputFailureTest() throws OutputConfigException {} // the topic template above parses

  @Test
  void allAcknowledgedIsAllDelivered() {
    output.start();
    assertThat(output.write(batch)).isEqualTo(WriteResult.allDelivered(5));
    assertThat(made.getFirst().history()).hasSize(5);
  }

  @Test
  void aTimeoutIsRetriedFromTheFirstUnacknowledgedRecord() {
    failures.put(3, new TimeoutException("Expiring 2 record(s) for t-0"));
    output.start();
    WriteResult result = output.write(batch);
    assertThat(result.outcome()).isEqualTo(WriteResult.Outcome.RETRY);
    assertThat(result.delivered()).isEqualTo(3);
    assertThat(result.error()).isEqualTo("Kafka did not take record e4 of stream s: TimeoutException: Expiring 2 record(s) for t-0");
    assertThat(made).hasSize(1);
  }

  @Test
  void aRecordTooLargeIsRejectedAtItsPlace() {
    failures.put(1, new RecordTooLargeException("The message is 2000000 bytes"));
    output.start();
    assertThat(output.write(batch)).isEqualTo(WriteResult.rejected(1,
        "Kafka did not take record e2 of stream s: RecordTooLargeException: The message is 2000000 bytes"));
  }

  @Test
  void afterAnErrorThatBreaksTheProducerTheNextWriteUsesANewOne() {
    failures.put(0, new TopicAuthorizationException("Not authorized to access topics: [t]"));
    output.start();
    assertThat(output.write(batch).outcome()).isEqualTo(WriteResult.Outcome.RETRY);
    failures.clear();
    assertThat(output.write(batch)).isEqualTo(WriteResult.allDelivered(5));
    assertThat(made).hasSize(2);
    assertThat(made.getFirst().closed()).isTrue();
  }

  @Test
  void aSendThatThrowsStopsTheBatchThere() {
    output.start();
    made.getFirst().sendException = new KafkaException("producer closed");
    WriteResult result = output.write(batch);
    assertThat(result.delivered()).isZero();
    assertThat(result.outcome()).isEqualTo(WriteResult.Outcome.RETRY);
    assertThat(result.error()).contains("KafkaException: producer closed");
  }

  /** Acknowledges in order on flush, failing the records (by position since made) it is told to. */
  static final class ScriptedProducer extends MockProducer<byte[], byte[]> {
    private final Map<Integer, RuntimeException> failures;
    private int completed;

    ScriptedProducer(Map<Integer, RuntimeException> failures) {
      super(false, null, new ByteArraySerializer(), new ByteArraySerializer());
      this.failures = failures;
    }

    @Override
    public synchronized void flush() {
      for (int guard = 0; guard < 10_000; guard++) {
        RuntimeException failure = failures.get(completed);
        boolean more = failure == null ? completeNext() : errorNext(failure);
        if (!more) {
          return;
        }
        completed++;
      }
    }
  }
}
