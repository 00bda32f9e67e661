package io.datasipper.export;

import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.CaptureGapEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Capture gaps and errors, told in the HAR log's comment so that missing traffic is not silent. */
final class CaptureNotes {
  private long gaps;
  private long droppedEvents;
  private final Set<String> errorKinds = new TreeSet<>();

  void gap(CaptureGapEvent g) {
    gaps++;
    droppedEvents += g.droppedEvents();
  }

  void error(CaptureErrorEvent e) {
    errorKinds.add(e.kind());
  }

  /** The comment, or null when the capture was complete. */
  String comment() {
    List<String> notes = new ArrayList<>();
    if (gaps > 0) {
      notes.add(gaps + " capture gap(s), " + droppedEvents + " event(s) dropped");
    }
    if (!errorKinds.isEmpty()) {
      notes.add("capture errors: " + String.join(", ", errorKinds));
    }
    return notes.isEmpty() ? null : "DataSipper: " + String.join("; ", notes);
  }
}
