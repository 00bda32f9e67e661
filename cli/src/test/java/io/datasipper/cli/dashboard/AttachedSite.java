package io.datasipper.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.datasipper.cli.CliProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the side panel tests capture, and how: two local pages that each fetch a JSON resource of
 * their own, and {@code datasipper attach} in a JVM of its own, as a user runs it against a
 * browser they started with a debugging port.
 */
final class AttachedSite {
  private AttachedSite() {}

  /** Pages {@code /a} and {@code /b} ("Page A", "Page B"), each fetching {@code /data/<page>-first} when it loads. */
  static HttpServer twoPages() throws IOException {
    HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    for (String page : List.of("a", "b")) {
      String html = "<!doctype html><title>Page " + page.toUpperCase() + "</title><p>page " + page
          + "</p><script>fetch('/data/" + page + "-first')</script>";
      site.createContext("/" + page, exchange -> answer(exchange, "text/html", html));
    }
    site.createContext("/data/", exchange -> answer(exchange, "application/json",
        "{\"path\":\"" + exchange.getRequestURI().getPath() + "\"}"));
    site.start();
    return site;
  }

  private static void answer(HttpExchange exchange, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** The port a browser started with {@code --remote-debugging-port=0} chose, once it has written it. */
  static int debuggingPort(Path profile, Duration wait) throws Exception {
    Path file = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + wait.toNanos();
    while (!Files.exists(file) || Files.readAllLines(file).isEmpty()) {
      assertThat(System.nanoTime()).as("Chromium wrote " + file).isLessThan(deadline);
      Thread.sleep(100);
    }
    return Integer.parseInt(Files.readAllLines(file).get(0).strip());
  }

  /** {@code datasipper attach} to the browser at {@code port}, capturing into {@code data}. */
  static Process attach(int port, Path data) throws IOException {
    return CliProcess.of(List.of("attach", "--cdp-url", "http://127.0.0.1:" + port, "--data-dir", data.toString(),
        "--for", "5m")).redirectErrorStream(true).start();
  }

  /**
   * The dashboard address attach prints, within {@code wait}: a JVM that hangs must not hang the
   * test. Its output is read to the end, so that it never blocks on a full pipe.
   */
  static URI dashboardLine(Process process, Duration wait) throws InterruptedException {
    StringBuffer seen = new StringBuffer();
    CompletableFuture<URI> dashboard = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      try {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("dashboard: ")) {
            dashboard.complete(URI.create(line.substring("dashboard: ".length())));
          }
          seen.append(line).append('\n');
        }
      } catch (IOException e) {
        seen.append("(reading its output failed: ").append(e).append(")\n");
      }
      dashboard.completeExceptionally(new IllegalStateException("attach ended"));
    });
    try {
      return dashboard.get(wait.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("attach printed no dashboard address within " + wait.toSeconds() + " s (" + e
          + "); it printed:\n" + seen, e);
    }
  }
}
