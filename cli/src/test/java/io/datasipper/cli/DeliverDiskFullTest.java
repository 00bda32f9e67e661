package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.store.EventStore;
import io.datasipper.store.TmpfsMount;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deliver} on a data directory whose disk is full (a real tmpfs; needs root): one line naming it, exit 1. */
class DeliverDiskFullTest {
  @TempDir Path dir;

  @Test
  void aDeliveryThatCannotStartForAFullDiskSaysSoInOneLine() throws Exception {
    Path disk = dir.resolve("disk");
    Files.createDirectories(disk);
    TmpfsMount mount = TmpfsMount.mount(disk, "8m");
    try {
      Path dataDir = disk.resolve("data");
      try (EventStore store = EventStore.open(dataDir)) {
        store.insert(List.of(new WsFrameEvent("e1", 1, Instant.EPOCH, "c1", "ws://127.0.0.1/ws",
            WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT, Body.text("f1", 2, false), 2,
            new Source("t1", "f1", "page", "http://127.0.0.1/"))));
      }
      Files.writeString(dataDir.resolve("datasipper.yaml"), """
          streams:
            - name: frames
              conditions: [{field: type, operator: equals, value: ws_frame}]
              outputs: [file]
          outputs:
            file: {type: file, path: %s, start_from: earliest}
          """.formatted(dir.resolve("out/frames.jsonl")));
      fillDisk(disk.resolve("filler"));

      CliRunner deliver = CliRunner.run("deliver", "--data-dir", dataDir.toString());
      assertThat(deliver.exitCode()).as(deliver.err()).isEqualTo(Main.FAILURE);
      assertThat(deliver.err().lines()).singleElement().asString()
          .startsWith("datasipper: ").contains(dataDir.resolve(EventStore.FILE_NAME).toString(), "disk is full");
    } finally {
      mount.unmount();
    }
  }

  /** Writes the file until the disk has no room left (at most 8 MB). */
  private static void fillDisk(Path file) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream os = Files.newOutputStream(file)) {
      for (int i = 0; i < 8 * 16; i++) {
        os.write(block);
      }
    } catch (IOException full) {
      return; // No space left on device
    }
    throw new AssertionError("8 MB written and the disk is still not full");
  }
}
