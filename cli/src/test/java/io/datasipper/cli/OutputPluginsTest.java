package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.PluginFolder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands find every output plugin DataSipper ships, as a config's {@code type} names them. */
class OutputPluginsTest {
  @Test
  void everyOutputPluginIsFound(@TempDir Path home) {
    // A home without installed plugins: what DataSipper ships, whatever this machine's user installed.
    assertThat(new Outputs(PluginFolder.read(null, home)).knownTypes()).isEqualTo("file, kafka, redis, sql, stdout, webhook");
  }
}
