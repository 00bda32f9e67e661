package io.datasipper.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An X display of the test's own, Debian's Xvfb, for a browser with a window on a machine without a
 * screen. Xvfb picks a free display number itself ({@code -displayfd}), so the test never takes one
 * another program uses; it listens on no TCP port, only on its socket in /tmp/.X11-unix. Its screen
 * is kept in a file ({@code -fbdir}, in X's XWD format) that the test reads to see what a user would.
 */
public final class VirtualDisplay implements AutoCloseable {
  private static final Path XVFB = Path.of("/usr/bin/Xvfb");
  private static final Duration START = Duration.ofSeconds(10);
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 800;

  private final Process xvfb;
  private final int number;
  private final Path screen;

  private VirtualDisplay(Process xvfb, int number, Path screen) {
    this.xvfb = xvfb;
    this.number = number;
    this.screen = screen;
  }

  /**
   * Starts Xvfb with a black screen whose contents are kept under {@code dir}; fails, saying what to
   * install, when there is no Xvfb: a headed test must not pass by running nothing.
   */
  public static VirtualDisplay start(Path dir) throws IOException, InterruptedException {
    if (!Files.isExecutable(XVFB)) {
      throw new AssertionError(XVFB + " is missing: the headed browser tests need a virtual display;"
          + " run `apt-get install -y xvfb` (bin/test installs it)");
    }
    Files.createDirectories(dir);
    Path log = dir.resolve("xvfb.log");
    Process xvfb = new ProcessBuilder(XVFB.toString(), "-displayfd", "1", "-nolisten", "tcp", "-br",
        "-screen", "0", WIDTH + "x" + HEIGHT + "x24", "-fbdir", dir.toString())
        .redirectError(log.toFile()).start();
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> firstLine(xvfb));
    try {
      int number = Integer.parseInt(line.get(START.toSeconds(), TimeUnit.SECONDS).strip());
      return new VirtualDisplay(xvfb, number, dir.resolve("Xvfb_screen0"));
    } catch (ExecutionException | TimeoutException | NumberFormatException e) {
      xvfb.destroyForcibly().waitFor(START.toSeconds(), TimeUnit.SECONDS);
      throw new AssertionError("Xvfb did not say which display it took within " + START.toSeconds() + " s ("
          + e + "); its log:\n" + Files.readString(log), e);
    }
  }

  /** The value for DISPLAY, e.g. {@code :1}. */
  public String display() {
    return ":" + number;
  }

  /**
   * The share of the screen's pixels that are not the black of the empty screen: 0 when nothing is
   * shown, near 1 when a window covers it.
   */
  public double drawnShare() throws IOException {
    ByteBuffer xwd = ByteBuffer.wrap(Files.readAllBytes(screen)); // XWD is big-endian, as ByteBuffer reads
    int headerSize = xwd.getInt(0);
    int width = xwd.getInt(4 * 4);
    int height = xwd.getInt(5 * 4);
    int bitsPerPixel = xwd.getInt(11 * 4);
    int bytesPerLine = xwd.getInt(12 * 4);
    int colors = xwd.getInt(19 * 4);
    if (bitsPerPixel != 32) {
      throw new AssertionError("Xvfb's screen has " + bitsPerPixel + " bits a pixel, not the 32 it was started with");
    }
    int pixels = headerSize + colors * 12; // each colormap entry is 12 bytes
    long drawn = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if ((xwd.getInt(pixels + y * bytesPerLine + x * 4) & 0xFFFFFF) != 0) {
          drawn++;
        }
      }
    }
    return (double) drawn / ((long) width * height);
  }

  /**
   * Stops Xvfb, this test's own process, and waits for it to go. Throws nothing checked, so a
   * try-with-resources need not handle an interrupt it cannot act on: interrupted, it kills Xvfb
   * at once and keeps the interrupt flag for the test.
   */
  @Override
  public void close() {
    xvfb.destroy();
    try {
      if (!xvfb.waitFor(START.toSeconds(), TimeUnit.SECONDS)) {
        xvfb.destroyForcibly().waitFor(START.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      xvfb.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String firstLine(Process process) {
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null) {
        throw new IllegalStateException("Xvfb exited with " + process.waitFor());
      }
      return line;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
