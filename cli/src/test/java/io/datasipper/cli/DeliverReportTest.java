package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code deliver} reports of a run in which some events failed. */
class DeliverReportTest {
  @TempDir Path dir;

  @Test
  void aStreamLineSaysWhyTheStreamsLastEventFailed() throws Exception {
    Path dataDir = dir.resolve("data");
    Path out = dir.resolve("out/frames.jsonl");
    FramesDataDir.storeFrames(dataDir, 10);
    Files.writeString(dataDir.resolve("datasipper.yaml"), """
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [file]
            transform: |
              function transform(event) {
                if (event.id === 'e7') throw new Error('no price in ' + event.id);
                return {id: event.id};
              }
        outputs:
          file: {type: file, path: %s, start_from: earliest}
        """.formatted(out));

    CliRunner deliver = CliRunner.run("deliver", "--data-dir", dataDir.toString());

    assertThat(Files.readAllLines(out)).hasSize(9).noneMatch(l -> l.contains("\"e7\""));
    assertThat(deliver.out()).containsPattern("frames +matched 10  transformed 9  dropped 0  failed 1  -> file"
        + "  last error: .*no price in e7");
  }
}
