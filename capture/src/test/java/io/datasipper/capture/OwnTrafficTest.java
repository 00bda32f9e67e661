package io.datasipper.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OwnTrafficTest {

  @Test
  void originsCompareAsBrowsersDo() {
    OwnTraffic own = OwnTraffic.extensionOnly().with("http://127.0.0.1:7341");
    assertThat(own.isOwn("http://127.0.0.1:7341/api/status?x=1")).isTrue();
    assertThat(own.isOwn("ws://127.0.0.1:7341/live")).as("a WebSocket to the server").isTrue();
    assertThat(own.isOwn("HTTP://127.0.0.1:7341")).isTrue();
    assertThat(own.isOwn("http://127.0.0.1:7342/")).isFalse();
    assertThat(own.isOwn("http://localhost:7341/")).as("another name is another origin").isFalse();
    assertThat(own.isOwn("https://127.0.0.1:7341/")).isFalse();
    assertThat(own.isOwn("chrome-extension://" + OwnTraffic.EXTENSION_ID + "/sw.js")).isTrue();
    assertThat(own.isOwn("chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/sw.js")).isFalse();
    assertThat(own.isOwn("about:blank")).isFalse();
    assertThat(own.isOwn(null)).isFalse();
  }

  @Test
  void defaultPortsAreLeftOut() {
    OwnTraffic own = OwnTraffic.extensionOnly().with("https://dash.example:443/");
    assertThat(own.isOwn("https://dash.example/x")).isTrue();
    assertThat(own.isOwn("wss://dash.example/live")).isTrue();
    assertThat(OwnTraffic.originOf("http://user@Example.test:80/a#b")).isEqualTo("http://example.test");
  }

  @Test
  void anythingButAnOriginIsRejectedWithTheValue() {
    for (String bad : new String[] {"127.0.0.1:7341", "http://127.0.0.1:7341/api", "http://", "dashboard"}) {
      assertThatThrownBy(() -> OwnTraffic.extensionOnly().with(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("\"" + bad + "\"");
    }
  }

  @Test
  void theExtensionIdIsTheOneChromiumDerivesFromTheManifestKey() throws Exception {
    String key;
    try (InputStream in = getClass().getResourceAsStream("/own-extension/manifest.json")) {
      key = new ObjectMapper().readTree(in).path("key").asText();
    }
    // Chromium: the first 16 bytes of the key's SHA-256, each hex digit 0-f written as a letter a-p.
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(key));
    StringBuilder id = new StringBuilder();
    for (char c : HexFormat.of().formatHex(hash, 0, 16).toCharArray()) {
      id.append((char) ('a' + Character.digit(c, 16)));
    }
    assertThat(id.toString()).isEqualTo(OwnTraffic.EXTENSION_ID);
  }

  @Test
  void rulesAlwaysHoldTheExtensionAndGainTheDashboard() {
    CaptureRules rules = CaptureRules.defaults();
    assertThat(rules.ownTraffic()).isEqualTo(OwnTraffic.extensionOnly());
    assertThat(rules.withOwnOrigin("http://127.0.0.1:7341").ownTraffic().origins())
        .containsExactlyInAnyOrder("chrome-extension://" + OwnTraffic.EXTENSION_ID, "http://127.0.0.1:7341");
  }
}
