package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dead-letters}: a user with no dashboard lists the records the file output refused and the
 * event a transform failed on, reads one, sends the refused ones back, sees {@code deliver} write
 * them, and discards what is left.
 */
class DeadLettersCommandTest {
  @TempDir Path dir;
  private Path dataDir;
  private Path out;

  @BeforeEach
  void refusedRecords() throws Exception {
    dataDir = dir.resolve("data");
    out = dir.resolve("frames.jsonl");
    FramesDataDir.storeFrames(dataDir, 3);
    FramesDataDir.deliverTo(dataDir, out);
    try (EventStore store = EventStore.open(dataDir)) {
      // As a delivery records them: two records the output refused, one event a transform failed on.
      new DeliveryLedger(store).addDeadLetters(List.of(
          letter("file", 1, "{\"letter\":1}", "disk full"),
          letter(null, 2, "{\"seq\":2}", "transform of stream 'frames' threw:\nError: no"),
          letter("file", 3, "{\"letter\":3}", "disk full")));
    }
  }

  @Test
  void refusedRecordsAreListedShownSentBackDeliveredAndTheRestDiscarded() throws Exception {
    CliRunner list = run("list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    List<String> lines = list.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).matches("\\d+  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  dead       frames -> file  seq 1  disk full");
    assertThat(lines.get(1)).as("the error on one line")
        .endsWith("dead       frames -> (transform)  seq 2  transform of stream 'frames' threw: Error: no");
    assertThat(lines.get(3)).isEqualTo("# 3 dead letters");
    long first = id(lines.get(0));
    long transformFailure = id(lines.get(1));

    CliRunner json = run("list", "--output", "file", "--json");
    assertThat(json.out().lines().toList()).hasSize(2).allMatch(l -> l.startsWith("{\"id\":") && l.contains(
        "\"state\":\"dead\",\"redeliveries\":0,\"state_at\":null,") && l.contains("\"stream\":\"frames\",\"output\":\"file\""));
    assertThat(run("list", "--limit", "1").out().lines().toList()).hasSize(2).last().isEqualTo("# 1 dead letter");

    CliRunner show = run("show", Long.toString(first));
    assertThat(show.exitCode()).as(show.err()).isZero();
    assertThat(show.out()).contains("  output   file\n", "  event    e1 (seq 1)\n", "  error    disk full\n",
        "record:\n{\n  \"letter\" : 1\n}\n");
    CliRunner missing = run("show", "999");
    assertThat(missing.exitCode()).isEqualTo(Main.FAILURE);
    assertThat(missing.err()).isEqualTo("datasipper: dead letter 999: no such dead letter\n");

    CliRunner noOutput = run("send-back", Long.toString(transformFailure));
    assertThat(noOutput.exitCode()).isEqualTo(Main.FAILURE);
    assertThat(noOutput.err()).contains("dead letter " + transformFailure + " failed in stream 'frames' before any output");
    CliRunner sent = run("send-back", "--all", "--output", "file");
    assertThat(sent.exitCode()).as(sent.err()).isZero();
    assertThat(sent.out()).isEqualTo("2 dead letters sent back\n"
        + "no delivery runs now: `datasipper deliver` writes them again\n");

    CliRunner deliver = CliRunner.run("deliver", "--data-dir", dataDir.toString());
    assertThat(deliver.exitCode()).as(deliver.out() + deliver.err()).isZero();
    assertThat(Files.readAllLines(out)).as("the stored frames, then the two records sent back")
        .filteredOn(l -> l.startsWith("{\"letter\"")).containsExactly("{\"letter\":1}", "{\"letter\":3}");
    assertThat(run("list", "--output", "file").out()).contains("  delivered  frames -> file  seq 1  ")
        .contains("  delivered  frames -> file  seq 3  ");

    CliRunner discardOne = run("discard", Long.toString(first), "999");
    assertThat(discardOne.exitCode()).as("one of the two is no letter").isEqualTo(Main.FAILURE);
    assertThat(discardOne.out()).isEqualTo("dead letter " + first + " discarded\n");
    assertThat(discardOne.err()).isEqualTo("datasipper: dead letter 999: no such dead letter\n");
    CliRunner discardAll = run("discard", "--all");
    assertThat(discardAll.out()).isEqualTo("2 dead letters discarded\n");
    assertThat(run("list").out()).isEqualTo("# 0 dead letters\n");
  }

  @Test
  void lettersAreNamedByIdOrAllNeverBothNorNeither() {
    CliRunner neither = run("discard");
    assertThat(neither.exitCode()).isEqualTo(Main.USAGE);
    assertThat(neither.err()).isEqualTo("datasipper: name the dead letters by id, or pass --all\n");
    CliRunner both = run("send-back", "1", "--all");
    assertThat(both.exitCode()).isEqualTo(Main.USAGE);
    assertThat(both.err()).isEqualTo("datasipper: name the dead letters by id or pass --all, not both\n");
    CliRunner narrowedIds = run("discard", "1", "--stream", "frames");
    assertThat(narrowedIds.exitCode()).isEqualTo(Main.USAGE);
    assertThat(narrowedIds.err()).contains("--stream and --output narrow --all");
    assertThat(run("list").out()).as("nothing discarded").endsWith("# 3 dead letters\n");
  }

  private CliRunner run(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "dead-letters";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--data-dir";
    all[args.length + 2] = dataDir.toString();
    return CliRunner.run(all);
  }

  private static long id(String line) {
    return Long.parseLong(line.substring(0, line.indexOf(' ')));
  }

  private static DeliveryLedger.DeadLetter letter(String output, long seq, String record, String error) {
    return new DeliveryLedger.DeadLetter(Instant.now(), "frames", output, seq, "e" + seq, record, error);
  }
}
