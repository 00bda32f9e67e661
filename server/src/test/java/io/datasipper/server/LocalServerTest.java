package io.datasipper.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalServerTest {
  @Test
  void servesOnLoopbackWithATokenInItsDashboardUrl() throws Exception {
    try (LocalServer server = LocalServer.start(0, List.of())) {
      assertThat(server.address().getHost()).isEqualTo("127.0.0.1");
      assertThat(server.token()).matches("[0-9a-f]{32}");
      assertThat(server.dashboardUrl()).hasToString(server.address() + "/?token=" + server.token());
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.address() + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"ok\"");
    }
  }
}
