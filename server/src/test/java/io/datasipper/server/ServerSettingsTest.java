package io.datasipper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings out of range are refused with the value named, before a server starts with them. */
class ServerSettingsTest {
  @Test
  void badValuesAreRefusedNamingThem() {
    assertThatThrownBy(() -> ServerSettings.onPort(70_000))
        .hasMessage("port: 70000 is out of range; use 0 (any free port) to 65535");
    assertThatThrownBy(() -> ServerSettings.onPort(0).withExtensionOrigins(List.of("https://evil.example")))
        .hasMessageStartingWith("extension origin 'https://evil.example': not a Chrome extension origin");
    assertThatThrownBy(() -> ServerSettings.onPort(0).withMaxBodyBytes(0))
        .hasMessageStartingWith("max body bytes: 0 is out of range");
  }

  @Test
  void defaultsAllowNoExtensionAndOneMebibyteBodies() {
    ServerSettings defaults = ServerSettings.onPort(0);
    assertThat(defaults.extensionOrigins()).isEmpty();
    assertThat(defaults.maxBodyBytes()).isEqualTo(1024 * 1024);
  }
}
