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
  void aLastLineCutShortByAKillIsDroppedBeforeTheRecordsComeAgain() throws Exception {
    Path file = dir.resolve("out.jsonl");
    String whole = "{\"n\":1}\n" + "{\"pad\":\"" + "x".repeat(70_000) + "\"}\n";
    Files.writeString(file, whole + "{\"n\":2,\"pad\":\"xx");
    Output out = new FileOutputFactory().create("f", Map.of("path", file.toString()));
    out.start();
    out.write(List.of(new OutputRecord("s", 2, "e2", null, JSON.createObjectNode().put("n", 2))));
    out.stop();
    assertThat(Files.readString(file)).isEqualTo(whole + "{\"n\":2}\n");

    Files.writeString(file, "{\"n\":3,\"cut");
    out.start();
    out.stop();
    assertThat(file).isEmptyFile();
  }

  @Test
  void settingsAreCheckedWithTheKeyNamed() {
    assertThatThrownBy(() -> new FileOutputFactory().create("f", Map.of()))
        .isInstanceOfSatisfying(OutputConfigException.class, e -> assertThat(e.key()).isEqualTo("path"));
    assertThatThrownBy(() -> new FileOutputFactory().create("f", Map.of("path", "x", "max_bytes", "lots")))
        .hasMessage("max_bytes must be a size such as 1048576, 512KiB or 100MiB, was lots");
    assertThatThrownBy(() -> new FileOutputFactory().create("f", Map.of("path", "x", "fsync", "yes")))
        .hasMessage("fsync must be true or false, was yes");
  }
}
