package io.datasipper.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The flags DataSipper starts Chromium with, and the check of the extra ones a user passes.
 * DataSipper talks to the browser it starts over a
 * pipe that only it holds; a flag that opens a DevTools port would let any local program drive
 * that browser and read everything it sees, so such flags are refused rather than passed on.
 */
public final class BrowserFlags {
  /** Flags that expose the DevTools protocol beyond DataSipper's pipe, by their switch name. */
  private static final List<String> EXPOSING = List.of(
      "remote-debugging-port", "remote-debugging-address", "remote-debugging-socket-name", "remote-allow-origins");
  /** Flags that set up the debugging pipe, which DataSipper does itself. */
  private static final List<String> PIPE = List.of("remote-debugging-pipe", "remote-debugging-io-pipes");

  private BrowserFlags() {}

  /**
   * DataSipper's own flags, without the pipe, the profile and the first page: no first-run dialogs,
   * no calls to Google's services from a profile that holds captured sessions, and the sandbox
   * unless the process runs as root. The benchmarks start their browsers with these too.
   */
  public static List<String> defaults(boolean headed) {
    List<String> flags = new ArrayList<>(List.of(
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-gpu",
        // Measured: without it the first navigation of a tab lost its events in most runs.
        "--disable-features=RenderDocument"));
    if (!headed) {
      flags.add("--headless=new");
    }
    if (ProcessUser.isRoot()) {
      flags.add("--no-sandbox"); // Chromium refuses to run as root with its sandbox
    }
    return List.copyOf(flags);
  }

  /** Throws {@link IllegalArgumentException} naming the first flag that may not be passed. */
  public static void check(List<String> flags) {
    for (String flag : flags) {
      String name = switchName(flag);
      if (EXPOSING.contains(name)) {
        throw new IllegalArgumentException("'" + flag + "' is refused: it would open the browser's DevTools to"
            + " other programs, which could then drive it and read all its traffic; to capture from a browser"
            + " with a debugging port, start it yourself and use `datasipper attach`");
      }
      if (PIPE.contains(name)) {
        throw new IllegalArgumentException("'" + flag + "' is refused: DataSipper sets up the browser's"
            + " debugging pipe itself");
      }
    }
  }

  /**
   * The switch a flag sets as Chromium reads it: one or two leading dashes, the name up to
   * {@code =} or whitespace. Anything else (a URL, a bare value) has no name.
   */
  static String switchName(String flag) {
    String f = flag.strip();
    if (!f.startsWith("-")) {
      return "";
    }
    f = f.startsWith("--") ? f.substring(2) : f.substring(1);
    int end = 0;
    while (end < f.length() && f.charAt(end) != '=' && !Character.isWhitespace(f.charAt(end))) {
      end++;
    }
    return f.substring(0, end).toLowerCase(Locale.ROOT);
  }
}
