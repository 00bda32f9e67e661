package io.datasipper.capture;

import java.nio.file.Path;
import java.util.List;

/**
 * How to start Chromium.
 *
 * @param chromium the browser binary
 * @param profileDir the browser's own user-data directory (one per DataSipper data directory)
 * @param headed show a window instead of running headless
 * @param extraArgs further command-line flags, e.g. host-resolver rules for hermetic tests; flags that
 *     open a debugging port are refused (see {@link BrowserFlags})
 */
public record LaunchOptions(Path chromium, Path profileDir, boolean headed, List<String> extraArgs) {
  public LaunchOptions {
    extraArgs = List.copyOf(extraArgs);
    BrowserFlags.check(extraArgs);
  }
}
