package io.datasipper.server.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.server.guard.OriginPolicy.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which Host and Origin values are this server's, including port 80, where browsers leave the port out. */
class OriginPolicyTest {
  private static final String EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
  private final OriginPolicy policy = new OriginPolicy(List.of(EXTENSION));

  @Test
  void onlyLoopbackNamesWithThisPortAreThisServer() {
    assertThat(LoopbackHost.isThisServer("127.0.0.1:8123", 8123)).isTrue();
    assertThat(LoopbackHost.isThisServer("LocalHost:8123", 8123)).isTrue();
    assertThat(LoopbackHost.isThisServer("127.0.0.1", 8123)).isFalse();
    assertThat(LoopbackHost.isThisServer("127.0.0.1:8124", 8123)).isFalse();
    assertThat(LoopbackHost.isThisServer("attacker.example:8123", 8123)).isFalse();
    assertThat(LoopbackHost.isThisServer("127.0.0.1.nip.io:8123", 8123)).isFalse();
    assertThat(LoopbackHost.isThisServer(null, 8123)).isFalse();
    assertThat(LoopbackHost.isThisServer("127.0.0.1", 80)).isTrue();
    assertThat(LoopbackHost.isThisServer("localhost", 80)).isTrue();
  }

  @Test
  void originsAreOwnAllowedExtensionOrForeign() {
    assertThat(policy.classify(null, 8123)).isEqualTo(Source.NONE);
    assertThat(policy.classify("http://127.0.0.1:8123", 8123)).isEqualTo(Source.OWN);
    assertThat(policy.classify("http://localhost:8123", 8123)).isEqualTo(Source.OWN);
    assertThat(policy.classify("http://127.0.0.1", 80)).isEqualTo(Source.OWN);
    assertThat(policy.classify(EXTENSION, 8123)).isEqualTo(Source.EXTENSION);
    assertThat(policy.classify("chrome-extension://pppppppppppppppppppppppppppppppp", 8123)).isEqualTo(Source.FOREIGN);
    assertThat(policy.classify("http://127.0.0.1:8124", 8123)).as("another port is another origin").isEqualTo(Source.FOREIGN);
    assertThat(policy.classify("https://127.0.0.1:8123", 8123)).isEqualTo(Source.FOREIGN);
    assertThat(policy.classify("null", 8123)).isEqualTo(Source.FOREIGN);
  }
}
