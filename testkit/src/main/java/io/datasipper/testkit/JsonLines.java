package io.datasipper.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A file output's JSON lines, read while the output may still be writing. */
public final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLines() {}

  /** The {@code seq} of each complete line, in file order; none before the file exists. */
  public static List<Long> seqs(Path file) {
    List<Long> seqs = new ArrayList<>();
    if (!Files.exists(file)) {
      return seqs;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        seqs.add(JSON.readTree(line).path("seq").asLong());
      }
    } catch (JsonProcessingException lastLineInTheWriting) {
      return seqs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return seqs;
  }

  /** The seqs once the file holds at least {@code count} lines; fails after {@code limit}. */
  public static List<Long> awaitSeqs(Path file, int count, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    List<Long> seqs = seqs(file);
    while (seqs.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(file + " holds " + seqs.size() + " lines after " + limit.toSeconds()
            + " s; expected " + count);
      }
      Thread.sleep(50);
      seqs = seqs(file);
    }
    return seqs;
  }
}
