package io.datasipper.output.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.output.testkit.ReadmeExamples;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every YAML example in the module's README loads: the documented keys are the real ones. */
class ReadmeExamplesTest {

  @Test
  void everyExampleOutputLoads() throws Exception {
    assertThat(ReadmeExamples.loadAll(Path.of("README.md"), new WebhookOutputFactory())).hasSizeGreaterThanOrEqualTo(2);
  }
}
