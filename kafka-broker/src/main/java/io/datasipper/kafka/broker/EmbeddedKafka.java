package io.datasipper.kafka.broker;

import io.datasipper.api.broker.LocalKafka;
import io.datasipper.api.files.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) inside this JVM, listening
 * on 127.0.0.1 only, for the demo, the {@code kafka} dev command and the tests. Not for production:
 * one replica, no security.
 *
 * <p>The ports are chosen once, when the object is made, and the data stays in the caller's folder,
 * so {@link #stop} then {@link #start} brings the same broker back with its topics and records at the
 * same address, as a restarted real broker would be.
 */
public final class EmbeddedKafka implements LocalKafka {
  private static final int NODE_ID = 1;
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final Path dataDir;
  private final int brokerPort;
  private final int controllerPort;
  private final Map<String, String> overrides;
  private KafkaRaftServer server;

  /**
   * @param dataDir where the broker keeps its logs and metadata; made if missing, kept on close
   * @param brokerPort the clients' port, 0 for a free one
   * @param overrides broker settings over the defaults here (e.g. {@code num.partitions})
   */
  public EmbeddedKafka(Path dataDir, int brokerPort, Map<String, String> overrides) {
    this.dataDir = dataDir.toAbsolutePath();
    this.brokerPort = brokerPort == 0 ? freePort() : brokerPort;
    this.controllerPort = freePort();
    this.overrides = Map.copyOf(overrides);
  }

  public EmbeddedKafka(Path dataDir) {
    this(dataDir, 0, Map.of());
  }

  /** Makes a broker on free ports and starts it. */
  public static EmbeddedKafka startIn(Path dataDir) {
    EmbeddedKafka kafka = new EmbeddedKafka(dataDir);
    kafka.start();
    return kafka;
  }

  /** Formats the data folder on first use, then starts the broker; returns once it takes requests. */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      PrivateFiles.createDirectories(logDir()); // the topics hold captured traffic
      Properties props = brokerProperties();
      formatOnce(props);
      KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      s.startup(); // returns when the broker is registered and unfenced
      server = s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Kafka data folder " + dataDir, e);
    }
  }

  /** Stops the broker, keeping its data and address for {@link #start}. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      server = null;
    }
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  public int port() {
    return brokerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  /**
   * Creates a topic unless it exists, and returns once every partition takes records. Creation is
   * acknowledged before the broker serves the partitions; an idempotent producer whose first batch
   * meets that gap (NOT_LEADER) and whose next batch does not is then stuck out of sequence until
   * its delivery timeout, so tests and benchmarks wait here instead.
   */
  public void createTopic(String name, int partitions) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      try {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all()
            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
        }
      }
      awaitServed(admin, name, partitions);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the broker did not serve topic " + name + " within " + ADMIN_TIMEOUT, e);
    }
  }

  /** Listing offsets is answered by each partition's leader, so it succeeds once all are served. */
  private static void awaitServed(Admin admin, String name, int partitions)
      throws InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> all = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      all.put(new TopicPartition(name, p), OffsetSpec.latest());
    }
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    while (true) {
      try {
        admin.listOffsets(all).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw new IllegalStateException("topic " + name + " is not served: " + e.getCause(), e.getCause());
        }
        Thread.sleep(50);
      }
    }
  }

  private Path logDir() {
    return dataDir.resolve("logs");
  }

  private Properties brokerProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir().toString());
    // One node: every internal topic has one replica, and consumers join their group at once.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "true");
    p.putAll(overrides);
    Properties props = new Properties();
    props.putAll(p);
    return props;
  }

  /** The storage tool wants a config file; a folder formatted before is left as it is. */
  private void formatOnce(Properties props) throws IOException {
    if (Files.exists(logDir().resolve("meta.properties"))) {
      return;
    }
    Path config = dataDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      props.store(out, "written by DataSipper's EmbeddedKafka for the storage tool");
    }
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    int code;
    try (PrintStream print = new PrintStream(log, true, StandardCharsets.UTF_8)) {
      code = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(),
          "--ignore-formatted"}, print);
    }
    if (code != 0) {
      throw new IllegalStateException("cannot format Kafka storage in " + logDir() + ": " + log.toString(StandardCharsets.UTF_8));
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}
