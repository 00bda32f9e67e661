package io.datasipper.output.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.output.testkit.ReadmeExamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every YAML example in the module's README and the project's loads: the documented keys are the real ones. */
class ReadmeExamplesTest {

  @Test
  void everyExampleOutputLoads() throws Exception {
    // The CA file is checked at load; the README's is an example path.
    Map<String, Object> replaced = Map.of("tls_ca_file", Files.createTempFile("ca", ".pem").toString());
    assertThat(ReadmeExamples.loadAll(Path.of("README.md"), new RedisOutputFactory(), replaced))
        .hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void everyExampleOfItsTypeInTheProjectReadmeLoads() throws Exception {
    assertThat(ReadmeExamples.loadAllOfItsType(Path.of("../README.md"), new RedisOutputFactory()))
        .containsExactly("live_ticks", "events_stream", "recent_calls", "seen_urls", "calls_by_id");
  }
}
