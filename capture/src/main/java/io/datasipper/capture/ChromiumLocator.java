package io.datasipper.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds the Chromium binary: DATASIPPER_CHROMIUM if set, else Debian's package location. */
public final class ChromiumLocator {
  // Debian's /usr/bin/chromium wrapper adds flags of its own; the real binary sits behind it.
  private static final List<String> CANDIDATES =
      List.of("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");

  private ChromiumLocator() {}

  public static Optional<Path> find() {
    String override = System.getenv("DATASIPPER_CHROMIUM");
    if (override != null && !override.isBlank()) {
      return Optional.of(Path.of(override));
    }
    return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
  }

  /** The browser to launch, or an error telling the user how to get one. */
  public static Path require() throws CaptureException {
    return find().orElseThrow(() -> new CaptureException(
        "Chromium is not installed: run `sudo apt-get install -y chromium` (or set DATASIPPER_CHROMIUM to a Chromium binary)"));
  }
}
