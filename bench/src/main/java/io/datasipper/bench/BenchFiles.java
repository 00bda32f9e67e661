package io.datasipper.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/** The files a benchmark leaves: its work directory, removed, and its report, kept. */
final class BenchFiles {
  private BenchFiles() {}

  /** Writes a report into {@code dir} (made if missing) and returns its path. */
  static Path writeReport(Path dir, String name, String markdown) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(name), markdown);
  }

  /**
   * A report's title with today's date, then how to reproduce it (the script's command line) and
   * the machine: its cores, its load average at the start and now.
   */
  static String reportHeading(String title, String defaultCommand, String loadAtStart) {
    return "# " + title + ", " + LocalDate.now(ZoneOffset.UTC) + "\n\n"
        + String.format(Locale.ROOT, "Reproduce: `%s`. %d cores, load average %s at the start and %s at the end.%n%n",
            System.getProperty("bench.command", defaultCommand), Runtime.getRuntime().availableProcessors(), loadAtStart,
            Proc.loadAverage());
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
