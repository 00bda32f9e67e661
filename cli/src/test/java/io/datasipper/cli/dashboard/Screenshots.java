package io.datasipper.cli.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The screenshots the browser tests take of the dashboard's screens. A test run writes them under
 * {@code target/screenshots/} only, so that it leaves the work tree as it was; run with
 * {@code -Ddatasipper.docs.screenshots=true} (see the README's Dashboard section), it also puts
 * them in {@code docs/screenshots/}, where the README shows them.
 */
final class Screenshots {
  /** The system property that makes a run refresh {@code docs/screenshots/}. */
  static final String REFRESH_DOCS = "datasipper.docs.screenshots";

  private Screenshots() {}

  /** Saves what the page shows as {@code target/screenshots/NAME}, and in the docs when asked to. */
  static void save(PageDriver page, String name) throws IOException {
    Path png = Path.of("target", "screenshots", name);
    page.screenshot(png);
    if (Boolean.getBoolean(REFRESH_DOCS)) {
      // Tests run in the cli module's directory; the docs are beside it.
      Path docs = Path.of("").toAbsolutePath().resolveSibling("docs").resolve("screenshots");
      if (!Files.isDirectory(docs)) {
        throw new IOException(REFRESH_DOCS + " is set but " + docs + " is not a directory: run the tests from the cli module");
      }
      Files.copy(png, docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
