package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.store.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deliver} over a store with a row that no longer parses: the rest arrives, and the user is told. */
class DeliverUnreadableEventTest {
  @TempDir Path dir;

  @Test
  void deliversTheOtherEventsAndExitsNonZeroNamingTheUnreadableOne() throws Exception {
    Path dataDir = dir.resolve("data");
    Path out = dir.resolve("out/frames.jsonl");
    try (EventStore store = EventStore.open(dataDir)) {
      List<CaptureEvent> frames = new ArrayList<>();
      for (long seq = 1; seq <= 10; seq++) {
        frames.add(new WsFrameEvent("e" + seq, seq, Instant.EPOCH.plusMillis(seq), "c1", "ws://127.0.0.1/ws",
            WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT, Body.text("f" + seq, 2, false), 2,
            new Source("t1", "f1", "page", "http://127.0.0.1/")));
      }
      store.insert(frames);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(EventStore.FILE_NAME));
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE events SET json = substr(json, 1, 30) WHERE seq = 5");
    }
    Files.writeString(dataDir.resolve("datasipper.yaml"), """
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [file]
        outputs:
          file: {type: file, path: %s, start_from: earliest}
        """.formatted(out));

    CliRunner deliver = CliRunner.run("deliver", "--data-dir", dataDir.toString());
    assertThat(Files.readAllLines(out)).hasSize(9).noneMatch(l -> l.contains("\"e5\""));
    assertThat(deliver.exitCode()).as(deliver.err()).isEqualTo(Main.FAILURE);
    assertThat(deliver.err()).contains("datasipper: 1 stored event could not be read", "event 5 in "
        + dataDir.resolve(EventStore.FILE_NAME) + " cannot be read", "dead letters");
    assertThat(deliver.out()).contains("_unreadable");

    CliRunner stats = CliRunner.run("streams", "stats", "--data-dir", dataDir.toString());
    assertThat(stats.out()).contains("stream _unreadable: matched 1", "failed 1", "event 5 in ");

    CliRunner again = CliRunner.run("deliver", "--data-dir", dataDir.toString());
    assertThat(again.exitCode()).as("the event was set aside once; a later run has nothing new to say").isZero();
    assertThat(Files.readAllLines(out)).hasSize(9);
  }
}
