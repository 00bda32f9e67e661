package io.datasipper.output.kafka;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.RecordTemplate;
import io.datasipper.api.output.PendingWrite;
import io.datasipper.api.output.WriteResult;
import io.datasipper.kafka.broker.EmbeddedKafka;
import io.datasipper.output.testkit.OutputEvents;
import io.datasipper.pipeline.OutputSpec;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.store.EventStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The three ways of sending the same messages with the same producer settings: a bare producer
 * loop (the ceiling), {@link KafkaOutput#write} in the pipeline's chunks, and the whole pipeline
 * from the store.
 */
final class ThroughputRuns {
  /** The pipeline's records per write to Kafka. */
  static final int CHUNK = KafkaOutputFactory.MAX_RECORDS_PER_WRITE;
  static final String RAW = "raw KafkaProducer loop";
  static final String RAW_FROM_STORE = "raw loop: SQLite rows -> KafkaProducer";
  /** Rows per query of the hand-written store loop. */
  static final int STORE_PAGE = 5_000;
  static final String WRITE_PATH = "KafkaOutput writes, " + CHUNK + " records each, "
      + KafkaOutputFactory.MAX_WRITES_IN_FLIGHT + " in flight";
  static final String PIPELINE = "Pipeline -> KafkaOutput";
  static final String DISCARD = "Pipeline -> discarding output (no Kafka)";

  /**
   * One measured run.
   *
   * @param baseline the path of the raw loop it is compared with in the same round
   * @param networkThreadCpuNanos CPU time of the producer's network thread, or -1 if it was closed before it was read
   * @param networkThreadPasses passes of the producer's network thread round its loop, or -1 likewise
   */
  record Run(String path, String baseline, int round, int messages, long nanos, long cpuNanos, long brokerCpuNanos,
      long networkThreadCpuNanos, long networkThreadPasses, double loadBefore, double loadAfter) {
    double perSecond() {
      return messages * 1e9 / nanos;
    }

    /** Messages per second of this JVM's CPU time. */
    double perCpuSecond() {
      return messages * 1e9 / cpuNanos;
    }

    /** Messages per second of CPU time outside the broker's threads: the clients', GC and compiler included. */
    double perClientCpuSecond() {
      return messages * 1e9 / (cpuNanos - brokerCpuNanos);
    }
  }

  private final EmbeddedKafka kafka;
  private final Map<String, Object> settings;
  private final int partitions;
  /** Appended to the names of the paths that use these settings, to tell them from the same paths with others. */
  private final String label;

  /** @param settings the output's settings (without bootstrap_servers and topic) */
  ThroughputRuns(EmbeddedKafka kafka, Map<String, Object> settings, int partitions) {
    this(kafka, settings, partitions, "");
  }

  ThroughputRuns(EmbeddedKafka kafka, Map<String, Object> settings, int partitions, String label) {
    this.kafka = kafka;
    this.settings = settings;
    this.partitions = partitions;
    this.label = label;
  }

  /** A send loop over pre-made records: what a hand-written producer does, callbacks counting acks. */
  Run raw(String topic, int round, List<OutputRecord> records) throws Exception {
    kafka.createTopic(topic, partitions);
    List<ProducerRecord<byte[], byte[]>> messages = new ArrayList<>(records.size());
    RecordMapper mapper = new RecordMapper(RecordTemplate.parse("topic", topic), null, null);
    for (OutputRecord r : records) {
      messages.add(mapper.map(r));
    }
    Acks acks = new Acks();
    Meter meter = new Meter();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(rawProducerConfig("bench-raw", with(topic)))) {
      for (ProducerRecord<byte[], byte[]> m : messages) {
        producer.send(m, acks);
      }
      producer.flush();
      Run run = meter.run(RAW + label, RAW + label, round, messages.size());
      acks.expect("raw producer", messages.size());
      return run;
    }
  }

  /**
   * What a hand-written shipper of the store would do, the ceiling for the pipeline: read the
   * stored rows in seq order with plain JDBC, a page at a time, and send each as the output would
   * (same key, value and headers; the key taken from the bench's own data, not the JSON), with
   * callbacks counting acks. No routing, no cursors, no retries.
   */
  Run rawFromStore(String topic, int round, Path database, int messages) throws Exception {
    kafka.createTopic(topic, partitions);
    Acks acks = new Acks();
    int sent = 0;
    Meter meter = new Meter();
    try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(rawProducerConfig("bench-raw-store", with(topic)));
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
        PreparedStatement page = db.prepareStatement(
            "SELECT seq, id, type, json FROM events WHERE seq > ? ORDER BY seq LIMIT " + STORE_PAGE)) {
      byte[] stream = "frames".getBytes(StandardCharsets.UTF_8);
      long after = 0;
      for (int read = STORE_PAGE; read == STORE_PAGE; ) {
        page.setLong(1, after);
        read = 0;
        try (ResultSet rows = page.executeQuery()) {
          while (rows.next()) {
            long seq = rows.getLong(1);
            List<Header> headers = List.of(new RecordHeader(RecordMapper.STREAM_HEADER, stream),
                new RecordHeader(RecordMapper.TYPE_HEADER, rows.getString(3).getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(RecordMapper.EVENT_ID_HEADER, rows.getString(2).getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(RecordMapper.SOURCE_SEQ_HEADER, RecordMapper.digits(seq)));
            producer.send(new ProducerRecord<>(topic, null, BenchData.connectionOf(seq).getBytes(StandardCharsets.UTF_8),
                rows.getBytes(4), headers), acks);
            after = seq;
            read++;
            sent++;
          }
        }
      }
      producer.flush();
      Run run = meter.run(RAW_FROM_STORE + label, RAW + label, round, sent);
      acks.expect("raw store-to-Kafka loop", messages);
      return run;
    }
  }

  /** Counts a bare producer's acknowledgements. */
  private static final class Acks implements Callback {
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception e) {
      if (e == null) {
        acked.incrementAndGet();
      } else {
        failure.compareAndSet(null, e);
      }
    }

    void expect(String who, int messages) {
      if (failure.get() != null || acked.get() != messages) {
        throw new IllegalStateException(who + ": " + acked.get() + " of " + messages + " acknowledged", failure.get());
      }
    }
  }

  /**
   * KafkaOutput's writes as the pipeline's output worker makes them, minus the cursor saves: chunks
   * of {@value #CHUNK} records, {@value KafkaOutputFactory#MAX_WRITES_IN_FLIGHT} started before the
   * oldest is awaited.
   */
  Run output(String topic, int round, List<OutputRecord> records) throws Exception {
    kafka.createTopic(topic, partitions);
    Output output = new KafkaOutputFactory().create("bench-output", with(topic));
    output.start();
    Meter meter = new Meter();
    try {
      ArrayDeque<PendingWrite> inFlight = new ArrayDeque<>();
      for (int at = 0; at < records.size(); at += CHUNK) {
        if (inFlight.size() == KafkaOutputFactory.MAX_WRITES_IN_FLIGHT) {
          delivered(inFlight.poll());
        }
        inFlight.add(output.startWrite(records.subList(at, Math.min(records.size(), at + CHUNK))));
      }
      while (!inFlight.isEmpty()) {
        delivered(inFlight.poll());
      }
      return meter.run(WRITE_PATH + label, RAW + label, round, records.size());
    } finally {
      output.stop();
    }
  }

  private static void delivered(PendingWrite write) throws Exception {
    WriteResult result = write.await();
    if (result.outcome() != WriteResult.Outcome.ALL_DELIVERED) {
      throw new IllegalStateException("KafkaOutput write: " + result);
    }
  }

  /** Pipeline.start over a store already holding the events, until drained. */
  Run pipeline(String topic, int round, EventStore store, int messages) throws Exception {
    kafka.createTopic(topic, partitions);
    return pipeline(new OutputSpec(topic, "kafka", true, with(topic)), PIPELINE + label, round, store, messages);
  }

  /** The same without a destination: what the pipeline itself carries, the ceiling for the run above. */
  Run pipelineDiscarding(String name, int round, EventStore store, int messages) throws Exception {
    return pipeline(new OutputSpec(name, "discard", true, Map.of()), DISCARD + label, round, store, messages);
  }

  private Run pipeline(OutputSpec output, String path, int round, EventStore store, int messages) throws Exception {
    String topic = output.name();
    PipelineSpec spec = new PipelineSpec(List.of(OutputEvents.stream("frames", "ws_frame", topic)), List.of(output));
    Meter meter = new Meter();
    Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
    if (!pipeline.drain(Duration.ofMinutes(10))) {
      throw new IllegalStateException("the pipeline did not drain within 10 minutes");
    }
    Run run = meter.run(path, RAW_FROM_STORE + label, round, messages);
    long delivered = pipeline.stats().output(topic).delivered();
    if (delivered != messages) {
      throw new IllegalStateException("pipeline delivered " + delivered + " of " + messages);
    }
    return run;
  }

  /**
   * The output's producer settings (acks, idempotence, linger, batch size, compression) for a bare
   * producer, but with Kafka's default timeouts: a send loop queues up to buffer.memory of records
   * ahead, and the output's 5 s delivery timeout (meant for writes of one chunk) would expire them.
   */
  static Map<String, Object> rawProducerConfig(String name, Map<String, Object> settings) throws Exception {
    Map<String, Object> config = ProducerSettings.from(name, new Settings(settings, KafkaOutputFactory.KEYS));
    config.remove(org.apache.kafka.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
    config.remove(org.apache.kafka.clients.producer.ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
    config.remove(org.apache.kafka.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG);
    return config;
  }

  Map<String, Object> with(String topic) {
    Map<String, Object> s = new HashMap<>(settings);
    s.put("bootstrap_servers", kafka.bootstrapServers());
    s.put("topic", topic);
    return s;
  }

  static int valueBytes(List<OutputRecord> records) {
    return records.getFirst().jsonUtf8().length;
  }
}
