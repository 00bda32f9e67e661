package io.datasipper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The feed bench's subscribers, in a JVM of their own as a real client of the feed (a dashboard, a
 * script) runs in a process of its own: their work shares the machine's cores with the capture,
 * but not its heap, its garbage collections or its safepoints. Driven by {@link FeedClientProcess}
 * over standard input and output, one JSON object a line each way:
 * <ul>
 *   <li>{@code {"connect": ws-uri, "token", "count", "slowNanos", "subscribe", "plans": [...]}}: opens
 *       the clients (the first slowed if slowNanos is positive) and answers {@code {"live": true}} once
 *       the feed said each is live;
 *   <li>{@code {"await": captured}}: lets the slow one read at full speed, waits until every client
 *       got or was told it missed that many frames (or none came for 5 s, or 60 s passed), closes
 *       them and answers {@code {"clients": [...], "cpuSeconds"}}, this process's CPU since connect.
 * </ul>
 * An error is answered {@code {"error": message}}; end of input ends the process.
 */
public final class FeedClients {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long DRAIN_QUIET_NANOS = 5_000_000_000L;
  private static final long DRAIN_MAX_NANOS = 60_000_000_000L;

  private final List<FeedSubscriber> clients = new ArrayList<>();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuAtConnect;

  private FeedClients() {}

  public static void main(String[] args) throws Exception {
    // Answers go to the real standard output alone: anything else printed goes to standard error.
    PrintStream answers = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    System.setOut(System.err);
    FeedClients self = new FeedClients();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      JsonNode command = JSON.readTree(line);
      JsonNode answer;
      try {
        answer = command.has("connect") ? self.connect(command) : self.await(command.path("await").asLong());
      } catch (Exception e) {
        self.closeClients();
        self.clients.clear();
        answer = JSON.createObjectNode().put("error", String.valueOf(e));
      }
      answers.println(JSON.writeValueAsString(answer));
    }
    self.closeClients();
  }

  private JsonNode connect(JsonNode c) throws Exception {
    List<StepPlan> plans = new ArrayList<>();
    c.path("plans").forEach(p -> plans.add(new StepPlan(p.path("label").asText(), p.path("rate").asInt(),
        p.path("seconds").asInt(), p.path("judged").asBoolean())));
    cpuAtConnect = os.getProcessCpuTime();
    for (int i = 0; i < c.path("count").asInt(); i++) {
      clients.add(new FeedSubscriber(URI.create(c.path("connect").asText()), c.path("token").asText(), plans,
          i == 0 ? c.path("slowNanos").asLong() : 0, c.path("subscribe").asText()));
    }
    return JSON.createObjectNode().put("live", true);
  }

  private JsonNode await(long captured) throws InterruptedException {
    // Sending is over: the slow client reads at full speed again and takes what was queued for it,
    // with the count of what was dropped, so that its tally is complete.
    clients.forEach(FeedSubscriber::resume);
    long start = System.nanoTime();
    long lastProgress = start;
    long last = -1;
    while (System.nanoTime() - start < DRAIN_MAX_NANOS && System.nanoTime() - lastProgress < DRAIN_QUIET_NANOS) {
      if (clients.stream().allMatch(c -> c.frames() + c.missed() >= captured)) {
        break;
      }
      long messages = clients.stream().mapToLong(FeedSubscriber::messages).sum();
      if (messages != last) {
        last = messages;
        lastProgress = System.nanoTime();
      }
      Thread.sleep(50);
    }
    closeClients();
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode figures = answer.putArray("clients");
    clients.forEach(c -> figures.add(JSON.<JsonNode>valueToTree(c.figures())));
    answer.put("cpuSeconds", (os.getProcessCpuTime() - cpuAtConnect) / 1e9);
    clients.clear();
    return answer;
  }

  private void closeClients() {
    clients.forEach(FeedSubscriber::close);
  }
}
