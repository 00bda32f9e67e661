package io.datasipper.output.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.datasipper.api.output.OutputConfigException;
import io.datasipper.pipeline.Outputs;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {

  @Test
  void theFactoryIsFoundAndLoadsAFullConfig() throws Exception {
    assertThat(new Outputs().knows("webhook")).isTrue();
    assertThat(new WebhookOutputFactory().create("ok", Map.of("url", "https://hooks.example.com/ds", "mode", "single",
        "timeout_ms", 5_000, "hmac_secret", "s", "headers", Map.of("Authorization", "Bearer x")))).isNotNull();
  }

  @Test
  void badSettingsNameTheirKey() {
    assertThat(error(Map.of())).hasMessageStartingWith("url: missing; expected the address to POST records to");
    assertThat(error(Map.of("url", "ftp://host/x"))).hasMessage("url ftp://host/… must start with http:// or https://");
    assertThat(error(Map.of("url", "https://hooks.example.com/T0KEN with a space?sig=s3cret")))
        .hasMessage("url https://hooks.example.com/… is not a valid URL: Illegal character in path at character 32");
    assertThat(error(Map.of("url", "http://host:port/x")).key()).isEqualTo("url");
    assertThat(error(Map.of("url", "http://h/x", "mode", "stream")))
        .hasMessage("mode: expected one of batch, single, got \"stream\"");
    assertThat(error(Map.of("url", "http://h/x", "timeout_ms", 0)).key()).isEqualTo("timeout_ms");
    assertThat(error(Map.of("url", "http://h/x", "headers", Map.of("Host", "other"))).key()).isEqualTo("headers.Host");
    assertThat(error(Map.of("url", "http://h/x", "headers", Map.of("X-N", 1))).key()).isEqualTo("headers.X-N");
    assertThat(error(Map.of("url", "http://h/x", "retries", 3)))
        .hasMessage("retries: unknown key; allowed in this output: url, headers, timeout_ms, mode, hmac_secret");
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    Instant now = Instant.parse("2026-11-26T12:00:00Z");
    assertThat(RetryAfter.parse(Optional.of("120"), now)).hasValue(now.plusSeconds(120));
    assertThat(RetryAfter.parse(Optional.of("Thu, 26 Nov 2026 12:00:30 GMT"), now)).hasValue(now.plusSeconds(30));
    assertThat(RetryAfter.parse(Optional.of("soon"), now)).isEmpty();
    assertThat(RetryAfter.parse(Optional.empty(), now)).isEmpty();
  }

  private static OutputConfigException error(Map<String, Object> settings) {
    return catchThrowableOfType(OutputConfigException.class, () -> new WebhookOutputFactory().create("bad", settings));
  }
}
