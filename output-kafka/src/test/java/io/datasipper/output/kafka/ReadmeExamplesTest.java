package io.datasipper.output.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.output.testkit.ReadmeExamples;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Kafka examples in the project's README load: the documented keys are the real ones. */
class ReadmeExamplesTest {

  @Test
  void everyKafkaExampleLoads() throws Exception {
    assertThat(ReadmeExamples.loadAllOfItsType(Path.of("../README.md"), new KafkaOutputFactory()))
        .contains("kafka_events");
  }
}
