package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The import's progress bar, as a terminal shows it, and its absence elsewhere. */
class ImportProgressTest {
  private static final int MB = 1024 * 1024;

  @Test
  void drawsHowMuchOfTheFilesIsReadAndClearsItselfAtTheEnd() throws Exception {
    StringWriter err = new StringWriter();
    ImportProgress progress = ImportProgress.drawing(new PrintWriter(err), 4L * MB, true);

    try (InputStream in = progress.counting(new ByteArrayInputStream(new byte[MB]))) {
      in.readAllBytes();
    }
    String bar = err.toString();
    progress.done();

    // Redrawn at most five times a second: the bar shows the share read when it was last drawn.
    assertThat(bar).matches("(\\rimporting \\[[#.]{30}\\] +\\d+%  [01] MB of 4 MB)+");
    assertThat(err.toString()).endsWith("\r");
  }

  @Test
  void fromStandardInputDrawsHowMuchIsReadOfASizeNotKnown() throws Exception {
    StringWriter err = new StringWriter();
    ImportProgress progress = ImportProgress.drawing(new PrintWriter(err), ImportProgress.UNKNOWN, true);

    try (InputStream in = progress.counting(new ByteArrayInputStream(new byte[MB]))) {
      in.readAllBytes();
    }

    assertThat(err.toString()).matches("(\\rimporting [01] MB read)+");
  }

  @Test
  void drawsNothingWhenTheOutputIsNoTerminal() throws Exception {
    StringWriter err = new StringWriter();
    ImportProgress progress = ImportProgress.drawing(new PrintWriter(err), 4L * MB, false);

    try (InputStream in = progress.counting(new ByteArrayInputStream(new byte[MB]))) {
      in.readAllBytes();
    }
    progress.done();

    assertThat(err.toString()).isEmpty();
  }
}
