package io.datasipper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.server.LocalServer;
import io.datasipper.server.feed.FeedPart;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVM that runs the feed bench's subscribers ({@link FeedClients}), started once for the whole
 * bench so that its code is compiled by the measured runs, as the capture's is.
 */
final class FeedClientProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a run's subscribers got, and the CPU their process used over the run. */
  record Result(List<SubscriberFigures> subscribers, double cpuSeconds) {}

  private final Process process;
  private final Writer commands;
  private final BufferedReader answers;

  FeedClientProcess() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    process = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        FeedClients.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Subscribes {@code count} clients to the server's feed; returns once each is live. */
  void connect(LocalServer server, List<StepPlan> plans, int count, long slowNanos, String subscribe)
      throws IOException {
    ObjectNode c = JSON.createObjectNode()
        .put("connect", "ws://127.0.0.1:" + server.port() + FeedPart.PATH)
        .put("token", server.token())
        .put("count", count)
        .put("slowNanos", slowNanos)
        .put("subscribe", subscribe);
    ArrayNode steps = c.putArray("plans");
    plans.forEach(p -> steps.add(JSON.<JsonNode>valueToTree(p)));
    ask(c);
  }

  /** Waits until each client got (or was told it missed) {@code captured} frames, then closes them. */
  Result await(long captured) throws IOException {
    JsonNode answer = ask(JSON.createObjectNode().put("await", captured));
    List<SubscriberFigures> figures = new ArrayList<>();
    for (JsonNode c : answer.path("clients")) {
      figures.add(JSON.treeToValue(c, SubscriberFigures.class));
    }
    return new Result(figures, answer.path("cpuSeconds").asDouble());
  }

  private JsonNode ask(JsonNode command) throws IOException {
    commands.write(JSON.writeValueAsString(command) + "\n");
    commands.flush();
    String line = answers.readLine();
    if (line == null) {
      throw new IOException("the subscribers' process ended (exit " + exitCode() + "): see its errors above");
    }
    JsonNode answer = JSON.readTree(line);
    if (answer.has("error")) {
      throw new IOException("the subscribers' process failed: " + answer.path("error").asText());
    }
    return answer;
  }

  private String exitCode() {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "none yet";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** Ends the process: it exits once its input ends; one that does not within 10 s is killed. */
  @Override
  public void close() throws IOException {
    commands.close();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
