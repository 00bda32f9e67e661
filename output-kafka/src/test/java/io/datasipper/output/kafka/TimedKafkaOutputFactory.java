package io.datasipper.output.kafka;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputFactory;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code type: timed-kafka}, for the latency benchmark: the Kafka output, noting for each record
 * when the write carrying it began and when it returned with the record acknowledged.
 */
public final class TimedKafkaOutputFactory implements OutputFactory {
  /** Source seq to {@link System#nanoTime()} when its first write began. */
  static final Map<Long, Long> WRITE_STARTED_AT = new ConcurrentHashMap<>();
  /** Source seq to {@link System#nanoTime()} when its first acknowledged write returned. */
  static final Map<Long, Long> ACKED_AT = new ConcurrentHashMap<>();

  static void reset() {
    WRITE_STARTED_AT.clear();
    ACKED_AT.clear();
  }

  @Override
  public String type() {
    return "timed-kafka";
  }

  @Override
  public Output create(String name, Map<String, Object> settings) throws OutputConfigException {
    Output kafka = new KafkaOutputFactory().create(name, settings);
    return new Output() {
      @Override
      public void start() throws Exception {
        kafka.start();
      }

      @Override
      public WriteResult write(List<OutputRecord> batch) throws Exception {
        long started = System.nanoTime();
        batch.forEach(r -> WRITE_STARTED_AT.putIfAbsent(r.sourceSeq(), started));
        WriteResult result = kafka.write(batch);
        long now = System.nanoTime();
        for (int i = 0; i < result.delivered(); i++) {
          ACKED_AT.putIfAbsent(batch.get(i).sourceSeq(), now);
        }
        return result;
      }

      @Override
      public void stop() {
        kafka.stop();
      }
    };
  }
}
