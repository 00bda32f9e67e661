package io.datasipper.api.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedactedUrlTest {

  @Test
  void showsTheSchemeHostAndPortOnly() {
    assertThat(RedactedUrl.of("https://hooks.example.com/services/T0KEN/B1?sig=s3cret#frag"))
        .isEqualTo("https://hooks.example.com/…");
    assertThat(RedactedUrl.of("http://127.0.0.1:8080/hook")).isEqualTo("http://127.0.0.1:8080/…");
    assertThat(RedactedUrl.of("http://127.0.0.1:8080/")).isEqualTo("http://127.0.0.1:8080/");
    assertThat(RedactedUrl.of("http://127.0.0.1:8080?token=x")).isEqualTo("http://127.0.0.1:8080/…");
    assertThat(RedactedUrl.of("redis://:pa55word@127.0.0.1:6379/2")).isEqualTo("redis://127.0.0.1:6379/…");
    assertThat(RedactedUrl.of("rediss://default:pa55word@cache.example.com:6380"))
        .isEqualTo("rediss://cache.example.com:6380");
    assertThat(RedactedUrl.of("redis://pa55word@127.0.0.1")).isEqualTo("redis://127.0.0.1");
    assertThat(RedactedUrl.of("jdbc:mariadb://127.0.0.1:3306/events?user=u&password=pa55word"))
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/…");
    assertThat(RedactedUrl.of("jdbc:postgresql://db.example.com/events")).isEqualTo("jdbc:postgresql://db.example.com/…");
  }

  @Test
  void textThatIsNoUrlLosesItsSecretsToo() {
    assertThat(RedactedUrl.of("redis://:pa/55word@127.0.0.1:6379")).isEqualTo("redis://127.0.0.1:6379");
    assertThat(RedactedUrl.of("http://host:port/T0KEN")).isEqualTo("http://host:port/…");
    assertThat(RedactedUrl.of("https://hooks.example.com/T0KEN with a space")).isEqualTo("https://hooks.example.com/…");
    assertThat(RedactedUrl.of("not a url with s3cret")).isEqualTo("…");
  }

  @Test
  void scrubsTheAddressOutOfAMessage() {
    URI url = URI.create("https://hooks.example.com/services/T0KEN?sig=s3cret");
    assertThat(RedactedUrl.scrub("java.io.IOException: cannot reach " + url + " now", url))
        .isEqualTo("java.io.IOException: cannot reach https://hooks.example.com/… now");
    assertThat(RedactedUrl.scrub("GET /services/T0KEN refused", url)).isEqualTo("GET … refused");
  }
}
