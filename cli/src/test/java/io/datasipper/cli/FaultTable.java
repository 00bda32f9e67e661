package io.datasipper.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault suite's results, one row per fault: what was captured, what reached the destination,
 * what went to the dead letters, and what is in neither, which must be nothing.
 */
final class FaultTable {
  /**
   * @param captured events the store holds (or, for a capture fault, events the browser saw)
   * @param delivered distinct events the destination received
   * @param deadLettered distinct events set aside with a reason
   */
  record Row(String fault, long captured, long delivered, long deadLettered) {
    long lost() {
      return captured - delivered - deadLettered;
    }
  }

  private final List<Row> rows = new ArrayList<>();

  synchronized void add(Row row) {
    rows.add(row);
  }

  synchronized String markdown() {
    StringBuilder sb = new StringBuilder()
        .append("| Fault | Captured | Delivered | Dead-lettered | Lost |\n")
        .append("|---|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      sb.append("| ").append(r.fault()).append(" | ").append(r.captured()).append(" | ").append(r.delivered())
          .append(" | ").append(r.deadLettered()).append(" | ").append(r.lost()).append(" |\n");
    }
    return sb.toString();
  }

  /** Prints the table and keeps it in {@code file}, for the reader of a CI log and for the README. */
  void publish(Path file) {
    String table = markdown();
    System.out.println("Fault suite:\n" + table);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
