package io.datasipper.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * A progress bar for an import, drawn on the terminal's error stream as the files are read, by
 * bytes: {@code importing [#########...........]  45%  450 MB of 1000 MB}; from standard input,
 * whose size is not known, {@code importing 450 MB read}. Nothing is drawn when standard error is
 * not a terminal (a script, a test): a bar redrawn with carriage returns would only clutter a log.
 */
final class ImportProgress {
  /** The total of files whose size is not known before they are read. */
  static final long UNKNOWN = -1;
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final int WIDTH = 30;
  private static final long MB = 1024 * 1024;

  private final PrintWriter err;
  private final long totalBytes;
  private final boolean draw;
  private long readBytes;
  private long lastDrawn;

  private ImportProgress(PrintWriter err, long totalBytes, boolean draw) {
    this.err = err;
    this.totalBytes = totalBytes;
    this.draw = draw;
  }

  /** A bar that draws only when standard error is a terminal. */
  static ImportProgress forTerminal(PrintWriter err, long totalBytes) {
    return drawing(err, totalBytes, Terminal.standardError());
  }

  /** A bar that draws if {@code draw}, whatever the output is. */
  static ImportProgress drawing(PrintWriter err, long totalBytes, boolean draw) {
    return new ImportProgress(err, totalBytes, draw);
  }

  /** Counts what is read from {@code in} towards the bar. */
  InputStream counting(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        advance(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        advance(Math.max(0, n));
        return n;
      }
    };
  }

  /** Clears the bar, so that the summary line stands alone. */
  void done() {
    if (draw && lastDrawn != 0) {
      err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
      err.flush();
    }
  }

  private void advance(long bytes) {
    readBytes += bytes;
    long now = System.nanoTime();
    if (draw && now - lastDrawn >= REDRAW_NANOS) {
      lastDrawn = now;
      err.print("\r" + line());
      err.flush();
    }
  }

  private String line() {
    if (totalBytes == UNKNOWN) {
      return "importing %d MB read".formatted(readBytes / MB);
    }
    int percent = totalBytes == 0 ? 100 : (int) Math.min(100, readBytes * 100 / totalBytes);
    int filled = percent * WIDTH / 100;
    return "importing [%s%s] %3d%%  %d MB of %d MB".formatted("#".repeat(filled), ".".repeat(WIDTH - filled), percent,
        readBytes / MB, totalBytes / MB);
  }
}
