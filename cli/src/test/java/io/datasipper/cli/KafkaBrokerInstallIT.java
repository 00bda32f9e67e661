package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a user runs it: the embedded Kafka broker is not on its class path (every
 * other command starts without Kafka's server and Scala), yet {@code kafka serve} finds it in the
 * folder beside the jar, and says what is missing when that folder is not there.
 */
class KafkaBrokerInstallIT {
  private static final Path JAR = Path.of(System.getProperty("datasipper.jar", "target/datasipper.jar")).toAbsolutePath();
  private static final Duration START = Duration.ofSeconds(90);
  @TempDir Path dir;

  @Test
  void theJarsClassPathHasNoBrokerAndKafkaServeLoadsItFromBesideTheJar() throws Exception {
    try (Stream<Path> libs = Files.list(JAR.resolveSibling("lib"))) {
      assertThat(libs.map(p -> p.getFileName().toString()))
          .as("the install's class path").isNotEmpty()
          .noneMatch(name -> name.startsWith("scala-") || name.startsWith("kafka_2.13") || name.startsWith("kafka-server"));
    }
    int port = freePort();
    Process serve = java("kafka", "serve", "--port", String.valueOf(port), "--dir", dir.resolve("kafka").toString());
    try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
      String line = awaitLine(out, "Kafka broker at ");
      assertThat(line).contains("127.0.0.1:" + port);
      send("127.0.0.1:" + port, "installed", "hello");
      assertThat(KafkaCommand.readTopic("127.0.0.1:" + port, "installed", 1, Duration.ofSeconds(20)))
          .containsExactly("hello");
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("kafka serve stops on SIGTERM").isTrue();
    }
  }

  @Test
  void withoutTheBrokersFolderKafkaServeSaysWhatIsMissing() throws Exception {
    Path install = dir.resolve("install");
    Files.createDirectories(install);
    Files.copy(JAR, install.resolve(JAR.getFileName()));
    Files.createSymbolicLink(install.resolve("lib"), JAR.resolveSibling("lib"));
    Process serve = new ProcessBuilder(javaCommand(install.resolve(JAR.getFileName()),
        "kafka", "serve", "--port", String.valueOf(freePort()), "--dir", dir.resolve("kafka").toString()))
        .redirectErrorStream(true).start();
    assertThat(serve.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("kafka serve gives up at once").isTrue();
    String said = new String(serve.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(serve.exitValue()).isNotZero();
    assertThat(said).contains("the embedded Kafka broker is not installed", install.resolve("kafka-broker").toString());
  }

  private Process java(String... args) throws IOException {
    return new ProcessBuilder(javaCommand(JAR, args)).redirectErrorStream(true).start();
  }

  private static List<String> javaCommand(Path jar, String... args) {
    return Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()),
        Stream.of(args)).toList();
  }

  private static String awaitLine(BufferedReader out, String prefix) throws IOException {
    long deadline = System.nanoTime() + START.toNanos();
    StringBuilder seen = new StringBuilder();
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("no line starting '" + prefix + "' within " + START + "; the command said:\n" + seen);
  }

  private static void send(String servers, String topic, String value) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      producer.send(new ProducerRecord<>(topic, value)).get(60, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
