package io.datasipper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.api.json.IsoInstants;
import io.datasipper.store.DeliveryLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * One readable line of a statistics snapshot: {@code output file_a: health ok, catching up, delivered
 * 10, ...}; a state that does not hold (false) is left out.
 */
final class StatsText {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatsText() {}

  /**
   * A snapshot with what the store knows of it beside the pipeline's figures: for an output, how
   * many events the retention deleted before it had taken them ({@code deleted_undelivered}, 0 if
   * none); and, for a stream or output the last delivery did not run, when the earlier delivery
   * whose figures these are saved them ({@code earlier_delivery_saved_at}; null for the last
   * delivery's own).
   *
   * @param saved the saved snapshot {@code snapshot} was read from
   */
  static String withStoreFigures(String snapshot, Map<String, Long> deleted, DeliveryLedger.SavedStats saved) {
    JsonNode n;
    try {
      n = JSON.readTree(snapshot);
    } catch (java.io.IOException e) {
      return snapshot;
    }
    if (!(n instanceof ObjectNode o)) {
      return snapshot;
    }
    if (o.has("output")) {
      o.put("deleted_undelivered", deleted.getOrDefault(o.path("output").asText(), 0L));
    }
    return o.put("earlier_delivery_saved_at", saved.earlier() ? IsoInstants.format(saved.savedAt()) : null)
        .toString();
  }

  /**
   * {@code # figures saved 3 s ago (2026-12-05T23:00:01.123Z), delivery running: pid 42 (deliver)}:
   * a delivery saves them every second while it runs; a run that ended (or was killed) left them as
   * they were, and then its outputs read stopped.
   *
   * @param delivering the process delivering now, as {@code pid N (command)}; empty if none does
   */
  static String savedLine(Instant savedAt, Instant now, Optional<String> delivering) {
    long s = Math.max(0, Duration.between(savedAt, now).toSeconds());
    String ago = s < 120 ? s + " s" : s < 7_200 ? s / 60 + " min" : s < 172_800 ? s / 3_600 + " h" : s / 86_400 + " days";
    return "# figures saved " + ago + " ago (" + IsoInstants.format(savedAt) + "), "
        + delivering.map(p -> "delivery running: " + p).orElse("no delivery running: every output stopped");
  }

  static String line(String snapshot) {
    JsonNode n;
    try {
      n = JSON.readTree(snapshot);
    } catch (java.io.IOException e) {
      return snapshot;
    }
    boolean stream = n.has("stream");
    StringBuilder line = new StringBuilder(stream ? "stream " + n.path("stream").asText() : "output " + n.path("output").asText());
    line.append(':');
    String sep = " ";
    for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode value = e.getValue();
      if (e.getKey().equals("stream") || e.getKey().equals("output") || value.isNull()
          || value.isBoolean() && !value.booleanValue()) {
        continue;
      }
      line.append(sep).append(e.getKey().replace('_', ' '));
      if (!value.isBoolean()) { // a state that holds reads as its name alone: "catching up"
        line.append(' ').append(value.asText());
      }
      sep = ", ";
    }
    return line.toString();
  }
}
