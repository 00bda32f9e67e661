package io.datasipper.cli;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.store.EventStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A data directory of WebSocket frames {@code e1}, {@code e2}, ... and a config that delivers them to a file. */
final class FramesDataDir {
  private FramesDataDir() {}

  /** Stores the frames after the highest stored seq, up to {@code upTo}. */
  static void storeFrames(Path dataDir, int upTo) throws Exception {
    try (EventStore store = EventStore.open(dataDir)) {
      List<CaptureEvent> frames = new ArrayList<>();
      for (long seq = store.maxSeq() + 1; seq <= upTo; seq++) {
        frames.add(new WsFrameEvent("e" + seq, seq, Instant.EPOCH.plusMillis(seq), "c1", "ws://127.0.0.1/ws",
            WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT, Body.text("f" + seq, 2, false), 2,
            new Source("t1", "f1", "page", "http://127.0.0.1/")));
      }
      store.insert(frames);
    }
  }

  /** DIR/datasipper.yaml: the stream {@code frames} into the file output {@code file} at {@code out}, from the earliest. */
  static void deliverTo(Path dataDir, Path out) throws IOException {
    Files.writeString(dataDir.resolve("datasipper.yaml"), """
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [file]
        outputs:
          file: {type: file, path: %s, start_from: earliest}
        """.formatted(out));
  }

  /** A real {@code deliver --follow} on {@code dataDir}, to start, writing what it prints to {@code log}. */
  static ProcessBuilder follow(Path dataDir, Path log) {
    return CliProcess.of(List.of("deliver", "--follow", "--data-dir", dataDir.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile());
  }
}
