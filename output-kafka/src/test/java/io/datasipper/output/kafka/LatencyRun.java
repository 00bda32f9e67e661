package io.datasipper.output.kafka;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.RecordTemplate;
import io.datasipper.kafka.broker.EmbeddedKafka;
import io.datasipper.output.testkit.OutputEvents;
import io.datasipper.pipeline.OutputSpec;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Latency at a steady rate. Pipeline: each event is handed to the capture's sink, a
 * {@link StoreWriter} with its default settings, as the capture does, and timed from that moment
 * to the moment the pipeline's Kafka write returns with it acknowledged; split into the wait before
 * the write (the store writer's batching, the pipeline's read) and the write. Baseline: a bare
 * producer sending the same records at the same rate, send to acknowledgement.
 */
final class LatencyRun {
  /** What was measured; latencies in milliseconds. */
  record Result(int ratePerSecond, int seconds, int warmupSeconds, int missing, List<Distribution> pipeline,
      Distribution raw, double loadBefore, double loadAfter) {
    Distribution total() {
      return pipeline.getFirst();
    }
  }

  private final EmbeddedKafka kafka;
  private final Map<String, Object> settings;
  private final BenchData data;
  private final int rate;
  private final int events;
  private final int warmup;
  private final int partitions;

  LatencyRun(EmbeddedKafka kafka, Map<String, Object> settings, BenchData data, int rate, int seconds,
      int warmupSeconds, int partitions) {
    this.kafka = kafka;
    this.settings = settings;
    this.data = data;
    this.rate = rate;
    this.events = rate * seconds;
    this.warmup = rate * warmupSeconds;
    this.partitions = partitions;
  }

  Result run(Path dataDir, int seconds, int warmupSeconds) throws Exception {
    double loadBefore = LoadAverage.oneMinute();
    long[] capturedAt = pipelineRun(dataDir);
    double[] total = new double[events - warmup];
    double[] queued = new double[events - warmup];
    double[] writing = new double[events - warmup];
    int n = 0;
    for (int seq = warmup + 1; seq <= events; seq++) {
      Long started = TimedKafkaOutputFactory.WRITE_STARTED_AT.get((long) seq);
      Long acked = TimedKafkaOutputFactory.ACKED_AT.get((long) seq);
      if (started != null && acked != null) {
        total[n] = Math.max(0, acked - capturedAt[seq]) / 1e6;
        queued[n] = Math.max(0, started - capturedAt[seq]) / 1e6;
        writing[n] = (acked - started) / 1e6;
        n++;
      }
    }
    List<Distribution> pipeline = List.of(Distribution.of("pipeline: captured -> acknowledged", head(total, n)),
        Distribution.of("  of which captured -> write began", head(queued, n)),
        Distribution.of("  of which write (send, flush, acks)", head(writing, n)));
    Distribution raw = rawRun();
    return new Result(rate, seconds, warmupSeconds, events - warmup - n, pipeline, raw, loadBefore,
        LoadAverage.oneMinute());
  }

  private long[] pipelineRun(Path dataDir) throws Exception {
    String topic = "bench-latency";
    kafka.createTopic(topic, partitions);
    long[] capturedAt = new long[events + 1];
    TimedKafkaOutputFactory.reset();
    PipelineSpec spec = new PipelineSpec(List.of(OutputEvents.stream("frames", "ws_frame", "timed")),
        List.of(new OutputSpec("timed", "timed-kafka", true, settings(topic))));
    try (EventStore store = EventStore.open(dataDir)) {
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
      try (StoreWriter writer = new StoreWriter(store, new RingBuffer(), new EventStamps(events + 1),
          StoreWriter.Settings.defaults())) {
        long intervalNanos = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int seq = 1; seq <= events; seq++) {
          LockSupport.parkNanos(next - System.nanoTime());
          CaptureEvent frame = data.frame(seq);
          capturedAt[seq] = System.nanoTime();
          writer.accept(frame);
          next += intervalNanos;
        }
      }
      if (!pipeline.drain(Duration.ofSeconds(60))) {
        throw new IllegalStateException("the latency run did not drain within 60 s");
      }
    }
    return capturedAt;
  }

  /** The same records at the same rate from a bare producer, each timed from send to its callback. */
  private Distribution rawRun() throws Exception {
    String topic = "bench-latency-raw";
    kafka.createTopic(topic, partitions);
    RecordMapper mapper = new RecordMapper(RecordTemplate.parse("topic", topic), null, null);
    Map<String, Object> config = ThroughputRuns.rawProducerConfig("bench-raw-latency", settings(topic));
    Map<Integer, Long> ackedAt = new ConcurrentHashMap<>();
    long[] sentAt = new long[events + 1];
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      long intervalNanos = 1_000_000_000L / rate;
      long next = System.nanoTime();
      for (int seq = 1; seq <= events; seq++) {
        LockSupport.parkNanos(next - System.nanoTime());
        OutputRecord r = data.record("frames", seq);
        ProducerRecord<byte[], byte[]> message = mapper.map(r);
        int s = seq;
        sentAt[seq] = System.nanoTime();
        producer.send(message, (meta, e) -> {
          if (e == null) {
            ackedAt.put(s, System.nanoTime());
          }
        });
        next += intervalNanos;
      }
      producer.flush();
    }
    double[] millis = new double[events - warmup];
    int n = 0;
    for (int seq = warmup + 1; seq <= events; seq++) {
      Long acked = ackedAt.get(seq);
      if (acked != null) {
        millis[n++] = (acked - sentAt[seq]) / 1e6;
      }
    }
    return Distribution.of("raw producer: send -> acknowledged", head(millis, n));
  }

  private Map<String, Object> settings(String topic) {
    Map<String, Object> s = new java.util.HashMap<>(settings);
    s.put("bootstrap_servers", kafka.bootstrapServers());
    s.put("topic", topic);
    return s;
  }

  private static double[] head(double[] values, int n) {
    return java.util.Arrays.copyOf(values, n);
  }
}
