package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code deliver} reports of a run of ten frames through a stream with a transform. */
class DeliverReportTest {
  @TempDir Path dir;

  @Test
  void aStreamLineSaysWhyTheStreamsLastEventFailed() throws Exception {
    CliRunner deliver = deliverTenFrames("""
        if (event.id === 'e7') throw new Error('no price in ' + event.id);
        return {id: event.id};""");

    assertThat(Files.readAllLines(out())).hasSize(9).noneMatch(l -> l.contains("\"e7\""));
    assertThat(deliver.out()).containsPattern("frames +matched 10  transformed 9  dropped 0  failed 1  -> file"
        + "  last error: .*no price in e7");
  }

  @Test
  void aStreamWhoseTransformSplitsEventsSaysHowManyRecordsItMade() throws Exception {
    CliRunner deliver = deliverTenFrames(
        "return event.id === 'e3' ? null : [{id: event.id, part: 1}, {id: event.id, part: 2}];");
    CliRunner stats = CliRunner.run("streams", "stats", "--data-dir", dataDir().toString());

    assertThat(Files.readAllLines(out())).hasSize(18);
    assertThat(deliver.out())
        .contains("frames               matched 10  transformed 9 into 18 records  dropped 1  failed 0  -> file");
    assertThat(stats.out()).contains("stream frames: matched 10, transformed 9, records 18, dropped 1, failed 0");
  }

  /** Stores ten frames and delivers them through a stream whose transform has {@code body}. */
  private CliRunner deliverTenFrames(String body) throws Exception {
    FramesDataDir.storeFrames(dataDir(), 10);
    Files.writeString(dataDir().resolve("datasipper.yaml"), """
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [file]
            transform: |
              function transform(event) {
        %s
              }
        outputs:
          file: {type: file, path: %s, start_from: earliest}
        """.formatted(body.indent(10).stripTrailing(), out()));
    return CliRunner.run("deliver", "--data-dir", dataDir().toString());
  }

  private Path dataDir() {
    return dir.resolve("data");
  }

  private Path out() {
    return dir.resolve("out/frames.jsonl");
  }
}
