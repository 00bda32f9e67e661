package io.datasipper.capture;

import java.nio.file.Path;
import java.util.List;

/** Launch options for tests: a real headless Chromium that can only reach this machine. */
public final class Chromium {
  /** Keeps every name but the local ones from resolving, so tests never dial out. */
  public static final List<String> HERMETIC_FLAGS =
      List.of("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");

  private Chromium() {}

  public static LaunchOptions headless(Path profileDir) {
    Path binary = ChromiumLocator.find().orElseThrow(() -> new AssertionError(
        "Chromium is missing: these tests need a real browser; run `apt-get install -y chromium` (bin/test does)"));
    return new LaunchOptions(binary, profileDir, false, HERMETIC_FLAGS);
  }
}
