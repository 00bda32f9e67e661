package io.datasipper.output.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.output.testkit.ReadmeExamples;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every YAML example in the module's README and the project's loads: the documented keys are the real ones. */
class ReadmeExamplesTest {

  @Test
  void everyExampleOutputLoads() throws Exception {
    assertThat(ReadmeExamples.loadAll(Path.of("README.md"), new SqlOutputFactory())).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void everyExampleOfItsTypeInTheProjectReadmeLoads() throws Exception {
    assertThat(ReadmeExamples.loadAllOfItsType(Path.of("../README.md"), new SqlOutputFactory()))
        .containsExactly("archive", "api_calls");
  }
}
