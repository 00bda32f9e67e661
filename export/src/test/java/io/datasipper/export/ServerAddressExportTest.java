package io.datasipper.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.capture.Capture;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.Chromium;
import io.datasipper.capture.CollectingSink;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server address of exchanges a real Chromium made over IPv6 and over IPv4, as captured and as
 * exported to HAR: a bare IP in both families, which HAR's schema accepts as serverIPAddress.
 */
class ServerAddressExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void exchangesOverIpv6AndIpv4ExportTheirBareServerAddress() throws Exception {
    CollectingSink sink = new CollectingSink();
    int v6Port;
    int v4Port;
    try (Page v6 = Page.servedOn("::1"); Page v4 = Page.servedOn("127.0.0.1");
        Capture capture = Capture.launch(Chromium.headless(dir.resolve("profile")), CaptureRules.defaults(),
            new EventStamps(1), sink)) {
      v6Port = v6.port();
      v4Port = v4.port();
      // localhost: Chromium resolves it itself, and only ::1 answers on this port.
      capture.open("http://localhost:" + v6Port + "/v6");
      capture.open("http://127.0.0.1:" + v4Port + "/v4");
      for (String path : List.of("/v6", "/v4")) {
        assertThat(sink.await(e -> e instanceof HttpEvent h && h.url().endsWith(path), Duration.ofSeconds(30)))
            .as("the page %s was captured", path).isTrue();
      }
    }

    assertStored(sink, "/v6", "::1", v6Port);
    assertStored(sink, "/v4", "127.0.0.1", v4Port);

    Path har = dir.resolve("capture.har");
    try (HarWriter writer = HarWriter.create(dir); OutputStream out = Files.newOutputStream(har)) {
      sink.events().forEach(writer::add);
      writer.writeTo(out);
    }

    NodeTool.Result valid = NodeTool.installed().run("validate-har.js", har.toString());
    assertThat(valid.exitCode()).as(valid.output()).isZero();
    JsonNode entries = JSON.readTree(har.toFile()).path("log").path("entries");
    assertThat(serverIp(entries, "/v6")).isEqualTo("::1");
    assertThat(serverIp(entries, "/v4")).isEqualTo("127.0.0.1");
  }

  /** The event as stored and as {@code events --json} prints it: the bare IP and the port apart. */
  private static void assertStored(CollectingSink sink, String path, String ip, int port) throws Exception {
    HttpEvent event = sink.http(path).getFirst();
    JsonNode response = JSON.readTree(EventJson.write(event)).path("response");
    assertThat(response.path("remote_ip").asText()).isEqualTo(ip);
    assertThat(response.path("remote_port").asInt()).isEqualTo(port);
  }

  private static String serverIp(JsonNode entries, String path) {
    for (JsonNode e : entries) {
      if (e.path("request").path("url").asText().endsWith(path)) {
        return e.path("serverIPAddress").asText();
      }
    }
    throw new AssertionError("no HAR entry for " + path + " in " + entries);
  }

  /** A page served on one IP address only, on a port of its own. */
  private record Page(HttpServer server) implements AutoCloseable {
    static Page servedOn(String ip) throws IOException {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(ip), 0), 0);
      server.createContext("/", exchange -> {
        byte[] page = "<!doctype html><title>address</title>".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(200, page.length);
        exchange.getResponseBody().write(page);
        exchange.close();
      });
      server.start();
      return new Page(server);
    }

    int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
