package io.datasipper.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void writesJsonLinesAndRotatesBySize() throws Exception {
    Path file = dir.resolve("sub/out.jsonl");
    Output out = new FileOutputFactory().create("f", Map.of("path", file.toString(), "max_bytes", "1KiB", "max_files", 2));
    out.start();
    for (int batch = 0; batch < 10; batch++) {
      List<OutputRecord> records = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        int n = batch * 5 + i;
        records.add(new OutputRecord("s", n, "e" + n, null, JSON.createObjectNode().put("n", n).put("pad", "x".repeat(40))));
      }
      assertThat(out.write(records)).isEqualTo(WriteResult.allDelivered(5));
    }
    out.stop();
    assertThat(Files.size(file.resolveSibling("out.jsonl.1"))).isLessThanOrEqualTo(1024);
    assertThat(file.resolveSibling("out.jsonl.3")).doesNotExist();
    List<String> kept = new ArrayList<>(Files.readAllLines(file.resolveSibling("out.jsonl.2")));
    kept.addAll(Files.readAllLines(file.resolveSibling("out.jsonl.1")));
    kept.addAll(Files.readAllLines(file));
    List<Integer> ns = kept.stream().map(l -> {
      try {
        return JSON.readTree(l).path("n").asInt();
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }).toList();
    assertThat(ns).isSorted().endsWith(49);
  }

  @Test
  void anExistingFilesLastLineWithoutANewlineIsKeptAndTheRecordsStartOnTheirOwnLine() throws Exception {
    Path file = dir.resolve("notes.jsonl");
    String users = "{\"n\":0}\n" + "my own notes, no newline at the end";
    Files.writeString(file, users);
    Output out = new FileOutputFactory().create("f", Map.of("path", file.toString()));
    out.start();
    out.write(List.of(record(1), record(2)));
    out.stop();
    assertThat(Files.readString(file)).isEqualTo(users + "\n{\"n\":1}\n{\"n\":2}\n");

    Files.writeString(file, "a second note", StandardOpenOption.APPEND);
    out.start(); // the user wrote after the last whole write: that line is theirs too
    out.write(List.of(record(3)));
    out.stop();
    assertThat(Files.readString(file)).isEqualTo(users + "\n{\"n\":1}\n{\"n\":2}\na second note\n{\"n\":3}\n");
  }

  @Test
  void aWriteThatFailsHalfWayOnAFullDiskIsRetriedWithoutABrokenLine() throws Exception {
    Path file = dir.resolve("out.jsonl");
    FullDisk disk = new FullDisk();
    FileOutput out = new FileOutput(file, 1L << 20, 3, false, disk);
    out.start();
    assertThat(out.write(List.of(record(1), record(2)))).isEqualTo(WriteResult.allDelivered(2));
    disk.fillAfter(12); // room for one line and a bit of the next
    WriteResult full = out.write(List.of(record(3), record(4), record(5)));
    assertThat(full.outcome()).isEqualTo(WriteResult.Outcome.RETRY);
    assertThat(full.error()).isEqualTo("cannot write to " + file + ": No space left on device");
    assertThat(Files.readString(file)).isEqualTo("{\"n\":1}\n{\"n\":2}\n");
    disk.free();
    assertThat(out.write(List.of(record(3), record(4), record(5)))).isEqualTo(WriteResult.allDelivered(3));
    out.stop();
    assertThat(numbers(file)).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void aWriteACrashCutShortIsTrimmedAtTheNextStartAndNothingElse() throws Exception {
    Path file = dir.resolve("out.jsonl");
    FullDisk disk = new FullDisk();
    FileOutput crashed = new FileOutput(file, 1L << 20, 3, false, disk);
    crashed.start();
    crashed.write(List.of(record(1)));
    disk.fillAfter(30);
    disk.crashOnFull(); // the process dies mid-write: nothing cleans up after it
    crashed.write(List.of(record(2), record(3), record(4), record(5)));
    crashed.stop();
    assertThat(Files.readString(file)).startsWith("{\"n\":1}\n{\"n\":2}\n").doesNotEndWith("\n");

    Output restarted = new FileOutputFactory().create("f", Map.of("path", file.toString()));
    restarted.start();
    restarted.write(List.of(record(2), record(3), record(4), record(5))); // undelivered: they come again
    restarted.stop();
    assertThat(numbers(file)).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void newFilesAndDirectoriesAreTheOwnersOnly() throws Exception {
    Path file = dir.resolve("new/out.jsonl");
    Output out = new FileOutputFactory().create("f", Map.of("path", file.toString(), "max_bytes", 20));
    out.start();
    out.write(List.of(record(1), record(2)));
    out.write(List.of(record(3), record(4))); // rotates
    out.stop();
    assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    for (Path p : List.of(file, file.resolveSibling("out.jsonl.1"), WriteJournal.pathFor(file))) {
      assertThat(Files.getPosixFilePermissions(p)).as(p.toString()).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
    assertThat(numbers(file.resolveSibling("out.jsonl.1"))).containsExactly(1, 2);
    assertThat(numbers(file)).containsExactly(3, 4);
  }

  private static OutputRecord record(int n) {
    return new OutputRecord("s", n, "e" + n, null, JSON.createObjectNode().put("n", n));
  }

  /** The n of every line, each of which must be whole JSON. */
  private static List<Integer> numbers(Path file) throws java.io.IOException {
    List<Integer> ns = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      ns.add(JSON.readTree(line).path("n").asInt());
    }
    return ns;
  }

  @Test
  void settingsAreCheckedWithTheKeyNamed() {
    assertThatThrownBy(() -> new FileOutputFactory().create("f", Map.of()))
        .isInstanceOfSatisfying(OutputConfigException.class, e -> assertThat(e.key()).isEqualTo("path"));
    assertThatThrownBy(() -> new FileOutputFactory().create("f", Map.of("path", "x", "max_bytes", "lots")))
        .hasMessage("max_bytes: \"lots\" is not a size; expected a size from 1 B to 1 TiB: a whole number of bytes or"
            + " one with B, KiB, MiB, GiB or TiB such as 512KiB or 1MiB (or kB, MB, GB, TB, in thousands)");
    assertThatThrownBy(() -> new FileOutputFactory().create("f", Map.of("path", "x", "max_files", 1_001)))
        .hasMessage("max_files: 1001 is out of range; expected a whole number from 1 to 1000");
    assertThatThrownBy(() -> new FileOutputFactory().create("f", Map.of("path", "x", "fsync", "yes")))
        .hasMessage("fsync: expected true or false, got \"yes\"");
  }
}
