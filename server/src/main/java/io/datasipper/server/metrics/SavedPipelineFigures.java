package io.datasipper.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.api.json.IsoInstants;
import io.datasipper.pipeline.PipelineStats;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.DeliveryLedger.SavedStats;
import io.datasipper.store.EventStore;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The streams' and outputs' figures a pipeline saved in the store (every second while it runs, and
 * when it stops), as {@code streams stats} reads them: what a command that delivers nothing itself
 * ({@code serve} without {@code --deliver}) reports, whether another process delivers or the last
 * run ended. Each output's pending count is worked out now, from its saved cursor; with no delivery
 * running, every output is stopped (see {@link PipelineStats#asEnded}). A stream or output the last
 * delivery did not run keeps the figures an earlier one saved, stopped, with when that one saved them.
 */
final class SavedPipelineFigures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SavedPipelineFigures() {}

  /**
   * Fills {@code streams} and {@code outputs} as {@link StatsReport} does for a running pipeline;
   * the latency of another process's deliveries is not saved, so none is reported.
   *
   * @param deliveryRunning whether a process delivers from this store now
   * @return when they were saved; empty if no pipeline ever saved figures in this store
   */
  static Optional<Instant> read(EventStore store, long maxStoredSeq, ObjectNode streams, ObjectNode outputs,
      boolean deliveryRunning) {
    DeliveryLedger ledger = new DeliveryLedger(store);
    Map<String, SavedStats> saved = ledger.savedStats();
    for (Map.Entry<String, SavedStats> e : saved.entrySet()) {
      JsonNode n = parse(PipelineStats.asSeenNow(e.getValue(), deliveryRunning));
      ObjectNode figures;
      if (e.getKey().startsWith("stream:")) {
        figures = stream(streams.putObject(e.getKey().substring("stream:".length())), n);
      } else if (e.getKey().startsWith("output:")) {
        String name = e.getKey().substring("output:".length());
        long cursor = ledger.cursor(name).orElse(maxStoredSeq - n.path("pending_events").asLong());
        figures = output(outputs.putObject(name), n, Math.max(0, maxStoredSeq - cursor));
      } else {
        continue;
      }
      if (e.getValue().earlier()) {
        figures.put("earlier_delivery_saved_at", IsoInstants.format(e.getValue().savedAt()));
      }
    }
    return saved.values().stream().map(SavedStats::savedAt).max(Instant::compareTo);
  }

  private static ObjectNode stream(ObjectNode s, JsonNode n) {
    for (String counter : PipelineStats.StreamCounters.NAMES) {
      if (n.has(counter)) { // figures saved by an older version lack the newer counters
        s.put(counter, n.path(counter).asLong());
      }
    }
    return s;
  }

  private static ObjectNode output(ObjectNode o, JsonNode n, long pending) {
    o.put("health", n.path("health").asText("stopped"));
    o.put("catching_up", n.path("catching_up").asBoolean(false));
    o.put("delivered", n.path("delivered").asLong());
    o.put("pending_events", pending);
    o.put("dead_lettered", n.path("dead_lettered").asLong());
    o.put("retries", n.path("retries").asLong());
    o.set("last_error", n.path("last_error").isTextual() ? n.get("last_error") : null);
    o.set("next_retry_at", n.path("next_retry_at").isTextual() ? n.get("next_retry_at") : null);
    o.putObject("latency_seconds").put("count", 0).putNull("p50").putNull("p99").putNull("max");
    return o;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      return JSON.createObjectNode(); // a row edited by hand: its figures read as zeros
    }
  }
}
