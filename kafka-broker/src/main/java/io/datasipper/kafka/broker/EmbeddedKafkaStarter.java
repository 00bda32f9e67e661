package io.datasipper.kafka.broker;

import io.datasipper.api.broker.LocalKafka;
import java.nio.file.Path;
import java.util.Map;

/** Starts an {@link EmbeddedKafka} for the commands that find it through {@link java.util.ServiceLoader}. */
public final class EmbeddedKafkaStarter implements LocalKafka.Starter {
  @Override
  public LocalKafka start(Path dataDir, int port) {
    EmbeddedKafka kafka = new EmbeddedKafka(dataDir, port, Map.of());
    kafka.start();
    return kafka;
  }
}
