package io.datasipper.server.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's built files as the web module packs them: {@code index.html} and
 * {@code assets/<name>-<hash>.<ext>} under one class-path folder. Each is read once and kept: the
 * whole build is some tens of kilobytes and never changes while the process runs.
 */
final class UiFiles {
  /** A plain file name: no folder, no {@code ..}, nothing a path could be smuggled in. */
  private static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  private final ClassLoader loader;
  private final String root;
  private final Map<String, byte[]> read = new ConcurrentHashMap<>();

  /**
   * @param root the class-path folder, without leading or trailing slash, e.g. {@code io/datasipper/web/ui}
   */
  UiFiles(ClassLoader loader, String root) {
    this.loader = loader;
    this.root = root;
  }

  /** Whether a build is there at all. */
  boolean present() {
    return loader.getResource(root + "/index.html") != null;
  }

  byte[] index() {
    return load("index.html").orElseThrow(() -> new IllegalStateException(root + "/index.html is gone from the class path"));
  }

  /** The asset of that file name, or empty if there is none or the name is not a plain file name. */
  Optional<byte[]> asset(String name) {
    if (!ASSET_NAME.matcher(name).matches() || name.contains("..")) {
      return Optional.empty();
    }
    return load("assets/" + name);
  }

  private Optional<byte[]> load(String path) {
    byte[] known = read.get(path);
    if (known != null) {
      return Optional.of(known);
    }
    try (InputStream in = loader.getResourceAsStream(root + "/" + path)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      read.put(path, bytes);
      return Optional.of(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard file " + root + "/" + path, e);
    }
  }
}
