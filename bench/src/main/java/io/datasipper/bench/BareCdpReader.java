package io.datasipper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.capture.cdp.CdpConnection;
import io.datasipper.capture.cdp.CdpEvent;
import io.datasipper.capture.cdp.PipeTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The raw ceiling: Chromium over the pipe with capture's CDP client, one tab, {@code Network.enable},
 * and each {@code webSocketFrameReceived} handed straight to the tally. No events, no store.
 */
final class BareCdpReader implements FrameReader {
  private static final long COMMAND_TIMEOUT_SECONDS = 30;
  private static final long EXIT_TIMEOUT_SECONDS = 10;

  private final Path chromium;
  private final Path dir;
  private final FrameTally tally;
  private Process process;
  private CdpConnection cdp;
  private String version;

  BareCdpReader(Path chromium, Path dir, FrameTally tally) {
    this.chromium = chromium;
    this.dir = dir;
    this.tally = tally;
  }

  @Override
  public void start(String pageUrl) throws Exception {
    Files.createDirectories(dir);
    process = new ProcessBuilder(ChromiumFlags.pipeCommand(chromium, dir.resolve("profile")))
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("chromium.log").toFile()))
        .start();
    cdp = new CdpConnection(new PipeTransport(process.getOutputStream(), process.getInputStream(), "bare-cdp-reader"));
    cdp.start(this::onEvent);
    version = await(cdp.send("Browser.getVersion", null)).path("product").asText();
    String targetId = await(cdp.send("Target.createTarget", CdpConnection.params().put("url", "about:blank")))
        .path("targetId").asText();
    String session = await(cdp.send("Target.attachToTarget",
        CdpConnection.params().put("targetId", targetId).put("flatten", true))).path("sessionId").asText();
    await(cdp.send(session, "Network.enable", null));
    await(cdp.send(session, "Page.navigate", CdpConnection.params().put("url", pageUrl)));
  }

  private void onEvent(CdpEvent e) {
    if (e.method().equals("Network.webSocketFrameReceived")) {
      long now = System.nanoTime();
      tally.onFrame(e.params().path("response").path("payloadData").asText(), now);
    }
  }

  private static JsonNode await(CompletableFuture<JsonNode> reply) throws Exception {
    return reply.get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public String browserVersion() {
    return version;
  }

  @Override
  public void close() {
    if (process == null) {
      return;
    }
    try {
      if (cdp != null) {
        cdp.send("Browser.close", null);
      }
      if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      if (cdp != null) {
        cdp.close();
      }
    }
  }
}
