package io.datasipper.server;

import static org.assertj.core.api.Assertions.assertThat;

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
      HttpResponse<String> health = new ApiClient(server).get("/healthz");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"ok\"");
    }
  }
}
