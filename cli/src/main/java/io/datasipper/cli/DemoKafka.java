package io.datasipper.cli;

import io.datasipper.api.broker.LocalKafka;
import io.datasipper.config.DataSipperConfig;
import io.datasipper.pipeline.OutputSpec;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.pipeline.StreamSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code demo --kafka embedded}: every demo stream also goes to the topic datasipper.<stream>. */
final class DemoKafka {
  static final String OUTPUT = "demo_kafka";

  private DemoKafka() {}

  static DataSipperConfig withKafkaOutput(DataSipperConfig config, String bootstrapServers) {
    List<OutputSpec> outputs = new ArrayList<>(config.pipeline().outputs());
    outputs.add(new OutputSpec(OUTPUT, "kafka", true,
        Map.of("bootstrap_servers", bootstrapServers, "topic", "datasipper.${stream}")));
    List<StreamSpec> streams = config.pipeline().streams().stream().map(s -> {
      List<String> targets = new ArrayList<>(s.outputs());
      targets.add(OUTPUT);
      return new StreamSpec(s.rule(), s.transformSource(), targets);
    }).toList();
    return config.withPipeline(new PipelineSpec(streams, outputs));
  }

  /** Reads each topic back from the broker, so the user sees what arrived and how to look again. */
  static void printTopics(PrintWriter out, LocalKafka broker, DataSipperConfig config, Path kafkaDir) {
    out.println("in Kafka (" + broker.bootstrapServers() + "):");
    for (StreamSpec s : config.pipeline().streams()) {
      String topic = "datasipper." + s.name();
      List<String> values = KafkaCommand.readTopic(broker.bootstrapServers(), topic, Integer.MAX_VALUE,
          Duration.ofSeconds(3));
      out.printf("  %-24s %,d records%s%n", topic, values.size(), values.isEmpty() ? "" : ", first: " + values.get(0));
    }
    out.println("read a topic again: datasipper kafka consume --dir " + kafkaDir + " --topic datasipper."
        + config.pipeline().streams().get(0).name());
    out.flush();
  }
}
