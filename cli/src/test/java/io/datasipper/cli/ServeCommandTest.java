package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datasipper serve}: a past capture over the local server, until Ctrl-C. */
class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void servesTheDataDirectoryOnLoopbackUntilStopped() throws Exception {
    FramesDataDir.storeFrames(dir, 20);
    Process serve = CliProcess.of(List.of("serve", "--data-dir", dir.toString())).redirectErrorStream(true).start();
    try {
      URI dashboard = DashboardLine.await(serve);
      assertThat(dashboard.getHost()).isEqualTo("127.0.0.1");
      assertThat(dashboard.getQuery()).matches("token=[0-9a-f]{32}");
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(dashboard.resolve("/healthz")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    } finally {
      serve.destroy(); // SIGTERM, as Ctrl-C
    }
    assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve ends on SIGTERM").isTrue();
  }

  @Test
  void aPortInUseIsAUsageErrorNamingIt() throws Exception {
    FramesDataDir.storeFrames(dir, 1);
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CompletableFuture<CliRunner> run = CompletableFuture.supplyAsync(() ->
          CliRunner.run("serve", "--data-dir", dir.toString(), "--ui-port", String.valueOf(taken.getLocalPort())));
      CliRunner result = run.get(60, TimeUnit.SECONDS);
      assertThat(result.exitCode()).isEqualTo(Main.USAGE);
      assertThat(result.err()).contains("cannot serve the dashboard on 127.0.0.1:" + taken.getLocalPort())
          .contains("use --ui-port or --no-ui");
    }
  }

  /** Reads a command's output up to the line that gives the dashboard's address. */
  static final class DashboardLine {
    private DashboardLine() {}

    static URI await(Process process) throws IOException {
      BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("dashboard: ")) {
          return URI.create(line.substring("dashboard: ".length()));
        }
        seen.append(line).append('\n');
      }
      throw new AssertionError("the command ended without printing its dashboard address; it printed:\n" + seen);
    }
  }
}
