package io.datasipper.cli;

import io.datasipper.api.broker.LocalKafka;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "kafka", mixinStandardHelpOptions = true,
    description = "A real single-node Kafka broker inside DataSipper, for trying outputs with nothing installed.",
    subcommands = {KafkaCommand.Serve.class, KafkaCommand.Consume.class})
final class KafkaCommand {
  static final String DEFAULT_DIR = "${sys:user.home}/.datasipper/kafka";

  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = "Run the broker on 127.0.0.1 until Ctrl-C; topics and records stay in --dir.")
  static final class Serve implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = DEFAULT_DIR, description = "Broker data (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--port", defaultValue = "9092", description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      CountDownLatch stopped = new CountDownLatch(1);
      LocalKafka kafka = LocalKafkaBroker.start(dir, port);
      // Ctrl-C stops the broker from the shutdown hook, before the JVM goes; closing twice is harmless.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        kafka.close();
        stopped.countDown();
      }));
      try {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Kafka broker at %s (data in %s); Ctrl-C stops it%n", kafka.bootstrapServers(), dir);
        out.printf("use it in an output: {type: kafka, bootstrap_servers: %s, topic: \"datasipper.${stream}\"}%n",
            kafka.bootstrapServers());
        out.flush();
        stopped.await();
      } finally {
        kafka.close();
      }
      return Main.OK;
    }
  }

  @Command(name = "consume", mixinStandardHelpOptions = true,
      description = {"Print a topic's records from the beginning, one JSON value per line.",
          "Without --bootstrap-servers it starts the embedded broker of --dir for the time it reads."})
  static final class Consume implements Callable<Integer> {
    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to read.")
    String topic;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "A running broker.")
    String bootstrap;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = DEFAULT_DIR,
        description = "The embedded broker's data, when no --bootstrap-servers (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
        description = "Stop after N records (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5s",
        description = "Stop when no record came for this long (default: ${DEFAULT-VALUE}).")
    Duration quiet;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (bootstrap != null) {
        return print(bootstrap);
      }
      try (LocalKafka kafka = LocalKafkaBroker.start(dir, 0)) {
        return print(kafka.bootstrapServers());
      }
    }

    private int print(String servers) {
      List<String> values = readTopic(servers, topic, limit, quiet);
      PrintWriter out = spec.commandLine().getOut();
      values.forEach(out::println);
      out.flush();
      spec.commandLine().getErr().printf("%d records from %s%n", values.size(), topic);
      return Main.OK;
    }
  }

  /** A topic's values from the beginning: at most {@code limit}, until none came for {@code quiet}. */
  static List<String> readTopic(String servers, String topic, int limit, Duration quiet) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "datasipper-consume-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> values = new java.util.ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      long lastRecord = System.nanoTime();
      while (values.size() < limit && System.nanoTime() - lastRecord < quiet.toNanos()) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (values.size() < limit) {
            values.add(r.value());
          }
          lastRecord = System.nanoTime();
        }
      }
    }
    return values;
  }
}
