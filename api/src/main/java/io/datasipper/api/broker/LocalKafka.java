package io.datasipper.api.broker;

import java.nio.file.Path;

/**
 * A real Kafka broker inside this JVM, on 127.0.0.1, for {@code demo --kafka}, {@code kafka serve}
 * and the tests. It is declared here so that the optional broker module and the commands that start
 * it meet without depending on each other: the broker's jars (Scala included, about 130 MB) are
 * installed beside DataSipper's, not among them, and only those commands load them.
 */
public interface LocalKafka extends AutoCloseable {

  /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
  String bootstrapServers();

  /** Stops the broker; its topics and records stay in its data folder. */
  @Override
  void close();

  /** Starts brokers; found through {@link java.util.ServiceLoader}. */
  interface Starter {
    /**
     * Starts a broker on the data folder (made if missing, formatted on first use) and returns once
     * it takes requests.
     *
     * @param port the clients' port, 0 for a free one
     */
    LocalKafka start(Path dataDir, int port);
  }
}
