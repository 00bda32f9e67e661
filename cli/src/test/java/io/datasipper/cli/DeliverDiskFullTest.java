package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.store.EventStore;
import io.datasipper.store.TmpfsMount;
import java.nio.file.Files;
import java.nio.file.Path;
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
      FramesDataDir.storeFrames(dataDir, 1);
      FramesDataDir.deliverTo(dataDir, dir.resolve("out/frames.jsonl"));
      TmpfsMount.fill(disk.resolve("filler"));

      CliRunner deliver = CliRunner.run("deliver", "--data-dir", dataDir.toString());
      assertThat(deliver.exitCode()).as(deliver.err()).isEqualTo(Main.FAILURE);
      assertThat(deliver.err().lines()).singleElement().asString()
          .startsWith("datasipper: ").contains(dataDir.resolve(EventStore.FILE_NAME).toString(), "disk is full");
    } finally {
      mount.unmount();
    }
  }
}
