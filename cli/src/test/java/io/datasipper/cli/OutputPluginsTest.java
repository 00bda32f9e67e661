package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.pipeline.Outputs;
import org.junit.jupiter.api.Test;

/** The commands find every output plugin DataSipper ships, as a config's {@code type} names them. */
class OutputPluginsTest {
  @Test
  void everyOutputPluginIsFound() {
    assertThat(new Outputs().knownTypes()).isEqualTo("file, kafka, redis, sql, stdout, webhook");
  }
}
