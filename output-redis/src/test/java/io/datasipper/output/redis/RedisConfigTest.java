package io.datasipper.output.redis;

import io.datasipper.api.output.MissingFieldException;
import io.datasipper.api.output.RecordTemplate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.pipeline.Outputs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings are checked when the config loads, and each error names the key at fault. */
class RedisConfigTest {
  static final String URL = "redis://127.0.0.1:6379";

  @Test
  void theFactoryIsFoundByItsType() {
    assertThat(new Outputs().knows("redis")).isTrue();
  }

  @Test
  void everyKeyAModeTakesIsDescribedForTheDashboardsForm() {
    List<String> described = new RedisOutputFactory().settings().stream().map(d -> d.name()).toList();
    for (String mode : Modes.NAMES) {
      assertThat(described).as("the settings described cover mode %s", mode).containsAll(Modes.keys(mode));
    }
  }

  @Test
  void everyModeLoadsWithItsExampleSettings() throws Exception {
    for (Map<String, Object> s : List.<Map<String, Object>>of(
        Map.of("url", URL, "mode", "pubsub", "channel", "datasipper.${stream}"),
        Map.of("url", URL, "mode", "stream", "key", "datasipper:${stream}", "maxlen", 100_000),
        Map.of("url", URL, "mode", "list", "key", "datasipper:${stream}", "push", "left", "trim", 1_000),
        Map.of("url", URL, "mode", "set", "key", "datasipper:urls", "member", "${value.url}"),
        Map.of("url", URL, "mode", "hash", "key", "datasipper:${stream}:${event_id}",
            "fields", Map.of("url", "${value.url}", "status", "${value.response.status}")),
        Map.of("url", "rediss://user:pw@redis.internal:6380/2", "mode", "stream", "tls_verify", "ca", "timeout_ms", 2000),
        Map.of("url", URL, "cluster", true, "mode", "stream"))) {
      assertThat(new RedisOutputFactory().create("ok", s)).isNotNull();
    }
  }

  @Test
  void anUnknownOrMissingModeListsTheModes() {
    OutputConfigException e = error(Map.of("url", URL, "mode", "queue"));
    assertThat(e.key()).isEqualTo("mode");
    assertThat(e).hasMessage("mode: expected one of pubsub, stream, list, set, hash, got \"queue\"");
    assertThat(error(Map.of("url", URL))).hasMessage("mode: missing; expected one of pubsub, stream, list, set, hash");
  }

  @Test
  void aBadUrlIsNamedWithoutItsPassword() {
    OutputConfigException e = error(Map.of("url", "http://:hunter2@127.0.0.1:6379", "mode", "stream"));
    assertThat(e.key()).isEqualTo("url");
    assertThat(e.getMessage()).contains("http://127.0.0.1:6379 is not a redis:// or rediss:// URL")
        .doesNotContain("hunter2");
    // Lettuce takes user info without a colon for the password.
    assertThat(error(Map.of("url", "http://hunter2@127.0.0.1:6379", "mode", "stream")).getMessage())
        .contains("http://127.0.0.1:6379 is not").doesNotContain("hunter2");
    assertThat(error(Map.of("url", "redis://:hun/ter2@127.0.0.1:notaport", "mode", "stream")).getMessage())
        .contains("redis://127.0.0.1:notaport").doesNotContain("hun", "ter2");
    assertThat(error(Map.of("url", "redis://", "mode", "stream")).key()).isEqualTo("url");
    assertThat(error(Map.of("url", "redis://127.0.0.1:notaport", "mode", "stream")).key()).isEqualTo("url");
    assertThat(error(Map.of("mode", "stream"))).hasMessageStartingWith("url: missing; expected the Redis to write to");
    assertThat(error(Map.of("url", URL + "/3", "cluster", true, "mode", "stream")).getMessage())
        .contains("a Redis cluster has only database 0");
  }

  @Test
  void aKeyOfAnotherModeIsRefusedWithTheAllowedOnes() {
    OutputConfigException e = error(Map.of("url", URL, "mode", "list", "maxlen", 5));
    assertThat(e.key()).isEqualTo("maxlen");
    assertThat(e).hasMessage("maxlen: unknown key; allowed for mode list: url, cluster, timeout_ms, tls_ca_file,"
        + " tls_verify, mode, key, push, trim");
  }

  @Test
  void badValuesNameTheirKey() {
    assertThat(error(Map.of("url", URL, "mode", "list", "push", "up"))).hasMessage("push: expected one of left, right, got \"up\"");
    assertThat(error(Map.of("url", URL, "mode", "list", "trim", -1)).key()).isEqualTo("trim");
    assertThat(error(Map.of("url", URL, "mode", "stream", "maxlen", "many")).key()).isEqualTo("maxlen");
    assertThat(error(Map.of("url", URL, "mode", "stream", "cluster", "yes")).key()).isEqualTo("cluster");
    assertThat(error(Map.of("url", URL, "mode", "stream", "tls_ca_file", "/etc/ca.pem")))
        .hasMessage("TLS settings need a rediss:// url; url is redis://127.0.0.1:6379");
    assertThat(error(Map.of("url", "rediss://h", "mode", "stream", "tls_ca_file", "/nonexistent/ca.pem")).key())
        .isEqualTo("tls_ca_file");
    assertThat(error(Map.of("url", URL, "mode", "hash", "fields", Map.of("n", 1))).key()).isEqualTo("fields.n");
  }

  @Test
  void templatesAreCheckedAtLoad() {
    OutputConfigException e = error(Map.of("url", URL, "mode", "pubsub", "channel", "ds.${strem}"));
    assertThat(e.key()).isEqualTo("channel");
    assertThat(e).hasMessage("channel ds.${strem} has an unknown placeholder ${strem}; known: stream, type, event_id,"
        + " key, seq, value, value.<path>");
    assertThat(error(Map.of("url", URL, "mode", "stream", "key", "ds:${stream"))).hasMessageContaining("unclosed ${");
    assertThat(error(Map.of("url", URL, "mode", "hash", "fields", Map.of("u", "${value.}"))).key())
        .isEqualTo("fields.u");
  }

  @Test
  void templatesRenderFieldsNumbersArraysAndObjects() throws Exception {
    var value = new ObjectMapper().readTree("{\"type\":\"http\",\"n\":7,\"ok\":true,\"tags\":[\"a\",\"b\"],\"o\":{\"x\":1}}");
    OutputRecord r = new OutputRecord("calls", 12, "e12#1", null, value);
    assertThat(RecordTemplate.parse("k", "${stream}/${type}/${event_id}/${seq}/${value.n}/${value.ok}/${value.tags.1}/${value.o}")
        .render(r)).isEqualTo("calls/http/e12#1/12/7/true/b/{\"x\":1}");
    assertThat(catchThrowableOfType(MissingFieldException.class, () -> RecordTemplate.parse("k", "${key}").render(r)))
        .hasMessage("${key}: the record has no key (event e12#1, stream calls)");
  }

  private static OutputConfigException error(Map<String, Object> settings) {
    return catchThrowableOfType(OutputConfigException.class,
        () -> new RedisOutputFactory().create("bad", new HashMap<>(settings)));
  }
}
