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

  @Test
  void aTokenFileKeepsTheTokenAcrossRunsForAScraper() throws Exception {
    FramesDataDir.storeFrames(dir, 5);
    Path tokenFile = dir.resolve("secrets/token");
    String first = tokenOfARun(tokenFile);
    assertThat(java.nio.file.Files.getPosixFilePermissions(tokenFile))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(java.nio.file.Files.readString(tokenFile)).isEqualTo(first + "\n");
    assertThat(tokenOfARun(tokenFile)).as("the second run serves the same token").isEqualTo(first);

    java.nio.file.Files.writeString(tokenFile, "secret\n");
    CliRunner bad = CliRunner.run("serve", "--data-dir", dir.toString(), "--ui-token-file", tokenFile.toString());
    assertThat(bad.exitCode()).isEqualTo(Main.USAGE);
    assertThat(bad.err()).contains("--ui-token-file " + tokenFile + ": does not hold a token of 32 to 128 lowercase hex");
  }

  /** Serves with the token file, scrapes /metrics with the file's token as Prometheus would, stops. */
  private String tokenOfARun(Path tokenFile) throws Exception {
    Process serve = CliProcess.of(List.of("serve", "--data-dir", dir.toString(), "--ui-token-file", tokenFile.toString()))
        .redirectErrorStream(true).start();
    try {
      URI dashboard = DashboardLine.await(serve);
      String token = java.nio.file.Files.readString(tokenFile).strip();
      HttpResponse<String> metrics = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(dashboard.resolve("/metrics")).header("Authorization", "Bearer " + token)
              .timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("jvm_memory_used_bytes");
      return dashboard.getQuery().substring("token=".length());
    } finally {
      serve.destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
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
