package io.datasipper.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureRulesTest {

  private static CaptureRules rules(List<String> urlInclude, List<String> urlExclude, List<String> types,
      List<String> bodyExclude) {
    return new CaptureRules(urlInclude, urlExclude, types, List.of(), List.of(), List.of("font/*"), 100,
        List.of(), bodyExclude, false);
  }

  @Test
  void urlPatternsWithoutWildcardsMatchAnywhere() {
    CaptureRules r = rules(List.of("/api/"), List.of("*.png"), List.of(), List.of());
    assertThat(r.capturesRequest("http://a.test/api/orders?x=1", "fetch")).isTrue();
    assertThat(r.capturesRequest("http://a.test/static/app.js", "script")).isFalse();
    assertThat(r.capturesRequest("http://a.test/api/logo.png", "image")).as("exclude wins").isFalse();
  }

  @Test
  void resourceTypesAndMimeTypesFilter() {
    CaptureRules r = rules(List.of(), List.of(), List.of("XHR", "fetch"), List.of("image/*"));
    assertThat(r.capturesRequest("http://a/x", "fetch")).isTrue();
    assertThat(r.capturesRequest("http://a/x", "xhr")).isTrue();
    assertThat(r.capturesRequest("http://a/x", "image")).isFalse();
    assertThat(r.capturesMimeType("font/woff2")).isFalse();
    assertThat(r.capturesMimeType("application/json")).isTrue();
    assertThat(r.keepsBody("image/png")).isFalse();
    assertThat(r.keepsBody("application/json")).isTrue();
  }

  @Test
  void credentialHeadersAreRedactedUnlessSecretsAreKept() {
    CaptureRules r = CaptureRules.defaults();
    assertThat(List.of("Authorization", "proxy-authorization", "Cookie", "SET-COOKIE"))
        .allMatch(name -> r.redactor().header(name, "s3cret").equals(CaptureRules.REDACTED));
    assertThat(r.redactor().header("Content-Type", "text/plain")).isEqualTo("text/plain");
    assertThat(r.withKeepSecrets(true).redactor().header("Cookie", "a=1")).isEqualTo("a=1");
  }
}
