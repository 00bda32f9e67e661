package io.datasipper.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/** Where and when a run happened: the machine is shared, so the load is part of the result. */
record BenchEnvironment(String date, String startedAt, String finishedAt, String commit, String command, String java,
    String chromium, int cores, String loadAtStart, String loadAtEnd) {

  /** The run that started at {@code started} (load {@code loadAtStart}) and ends now. */
  static BenchEnvironment endingNow(OffsetDateTime started, String loadAtStart, Path chromium, String defaultCommand) {
    return new BenchEnvironment(LocalDate.now().toString(), started.toString(),
        now().toString(), System.getProperty("bench.commit", "unknown"),
        System.getProperty("bench.command", defaultCommand),
        Runtime.version() + " (" + System.getProperty("java.vendor") + ")", chromium.toString(),
        Runtime.getRuntime().availableProcessors(), loadAtStart, Proc.loadAverage());
  }

  /** Now, to the second: as a run's start and end are reported. */
  static OffsetDateTime now() {
    return OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
  }

  /** The report's lines on the command, commit, times, Java, Chromium, cores and load. */
  void appendTo(StringBuilder md) {
    md.append("Command: `").append(command).append("`, commit ").append(commit).append(", ")
        .append(startedAt).append(" to ").append(finishedAt).append(".\n");
    md.append("Java ").append(java).append(", Chromium ").append(chromium).append(", ")
        .append(cores).append(" cores, load average ").append(loadAtStart).append(" at the start and ")
        .append(loadAtEnd).append(" at the end.\n\n");
  }
}
