package io.datasipper.config;

import io.datasipper.api.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Replaces the config file a command follows with new text: checked first exactly as the commands
 * check a file at start, then written atomically (a private temporary file beside it, flushed to
 * disk, renamed over it), then reloaded as a saved file is. Edits are made one at a time, and each
 * names the version of the file it replaces (its {@link FileDigest}), so that an edit made from a
 * stale copy is refused rather than undoing another.
 */
public final class ConfigEditor {
  /** The version of a file that does not exist. */
  public static final String NO_FILE = "none";
  /** A version that matches whatever the file holds. */
  public static final String ANY_VERSION = "*";

  private final Path target;
  /** Null when no pipeline follows the file: an edit is then only written. */
  private final ConfigSource.Following following;

  /**
   * @param following what reloads the running pipeline; null when nothing runs
   */
  public ConfigEditor(ConfigSource source, ConfigSource.Following following) {
    this.target = source.target();
    this.following = following;
  }

  /**
   * The file as it is now.
   *
   * @param exists whether there is a file (else the command runs with the defaults, and an edit creates it)
   * @param text its content; null without a file
   */
  public record Snapshot(Path file, boolean exists, String version, String text) {}

  /**
   * What an edit did.
   *
   * @param reload what reloading the running pipeline did; null when no pipeline runs
   */
  public record Saved(Path file, String version, DataSipperConfig config, Reload reload) {}

  /** An edit made from another version than the file's present one: nothing was written. */
  public static final class StaleVersionException extends RuntimeException {
    private final String current;

    StaleVersionException(String expected, String current) {
      super("the config file changed since version " + expected + " was read; its version is now " + current
          + ": read it again and redo the change");
      this.current = current;
    }

    public String current() {
      return current;
    }
  }

  /** Whether an edit reloads a running pipeline (else the file is only written, for the next start). */
  public boolean reloads() {
    return following != null;
  }

  /** @throws UncheckedIOException if the file exists and cannot be read */
  public synchronized Snapshot current() {
    byte[] content;
    try {
      content = Files.readAllBytes(target);
    } catch (NoSuchFileException e) {
      return new Snapshot(target, false, NO_FILE, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the config file " + target + ": " + e.getMessage(), e);
    }
    return new Snapshot(target, true, FileDigest.of(content), new String(content, StandardCharsets.UTF_8));
  }

  /**
   * Checks {@code text} as the config, writes it, and reloads the running pipeline with it.
   *
   * @param expectedVersion the version the edit was made from: {@link #NO_FILE} to create the file,
   *     {@link #ANY_VERSION} to replace whatever is there
   * @throws ConfigException naming the file, the key path and the reason, if the text is not a valid config
   * @throws StaleVersionException if the file is no longer at {@code expectedVersion}
   * @throws UncheckedIOException if the file cannot be written; it is then as it was
   */
  public synchronized Saved save(String text, String expectedVersion) {
    String now = current().version();
    if (!ANY_VERSION.equals(expectedVersion) && !now.equals(expectedVersion)) {
      throw new StaleVersionException(expectedVersion, now);
    }
    DataSipperConfig config = ConfigLoader.load(target, text);
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    Reload reload = null;
    try {
      if (following == null) {
        writeAtomically(content);
      } else {
        reload = following.reloadAfter(() -> writeAtomically(content));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the config file " + target + ": " + e.getMessage(), e);
    }
    return new Saved(target, FileDigest.of(content), config, reload);
  }

  private void writeAtomically(byte[] content) throws IOException {
    // A symbolic link (a config kept with dotfiles) is followed: the file it names is replaced.
    Path file = Files.exists(target) ? target.toRealPath() : target.toAbsolutePath();
    PrivateFiles.createDirectories(file.getParent());
    PrivateFiles.replace(file, content);
  }
}
