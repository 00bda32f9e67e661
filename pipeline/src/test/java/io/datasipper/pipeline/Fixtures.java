package io.datasipper.pipeline;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Stored events and pipeline specs for the delivery tests. */
final class Fixtures {

  private Fixtures() {}

  /** Every third event an HTTP exchange under /api/, the others WebSocket frames. */
  static CaptureEvent event(long seq) {
    return SampleEvents.event(seq, 2, "{\"n\":" + seq + "}");
  }

  static void fill(EventStore store, long from, long to) {
    SampleEvents.fill(store, from, to, Fixtures::event);
  }

  static StreamSpec stream(String name, String type, String transform, String... outputs) {
    return new StreamSpec(SampleEvents.typeRule(name, type), transform, List.of(outputs));
  }

  static OutputSpec file(String name, Path path) {
    return new OutputSpec(name, "file", true, Map.of("path", path.toString()));
  }

  static List<String> lines(Path file) throws java.io.IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }
}
