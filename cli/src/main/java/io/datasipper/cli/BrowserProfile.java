package io.datasipper.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the browser DataSipper starts keeps its profile (cookies, cache, history) and its log: in
 * the data directory, kept across captures; or, for an encrypted store, in a private temporary
 * directory removed when the capture ends, since the browser writes the pages it visits, their
 * cache and its console in plain text, and an encrypted data directory must hold none of that.
 */
final class BrowserProfile implements AutoCloseable {
  private final Path dir;
  private final Path temporaryRoot;

  private BrowserProfile(Path dir, Path temporaryRoot) {
    this.dir = dir;
    this.temporaryRoot = temporaryRoot;
  }

  static BrowserProfile of(Path dataDir, boolean encryptedStore) {
    if (!encryptedStore) {
      return new BrowserProfile(dataDir.resolve("profile"), null);
    }
    try {
      Path root = Files.createTempDirectory("datasipper-profile-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      return new BrowserProfile(root.resolve("profile"), root);
    } catch (IOException e) {
      throw UserError.failure("cannot make a temporary browser profile for the encrypted store: " + e.getMessage());
    }
  }

  /** The profile directory; the browser's log is {@code chromium.log} beside it. */
  Path dir() {
    return dir;
  }

  /** Removes a temporary profile; the browser must have exited. */
  @Override
  public void close() {
    if (temporaryRoot == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(temporaryRoot)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      System.err.println("datasipper: warning: could not remove the temporary browser profile " + temporaryRoot + ": "
          + e.getMessage());
    }
  }
}
