package io.datasipper.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin folder as it is now: read once, and again when a jar in it was added, changed or
 * removed since, so that a config reloaded after a plugin was installed can name its type without a
 * restart. A pipeline running keeps the classes its outputs were made with until it is replaced.
 */
final class InstalledPlugins {
  private static final Logger LOG = LoggerFactory.getLogger(InstalledPlugins.class);

  private final String variable;
  private final Path home;
  /** The jars (name, size, time, file key) when {@link #read} was read; null before the first read. */
  private List<String> listing;
  private PluginFolder read;

  /** @param variable the value of {@value PluginFolder#VARIABLE}, or null; {@code home} is used without it */
  InstalledPlugins(String variable, Path home) {
    this.variable = variable;
    this.home = home;
  }

  /** The plugins in the folder now: those read before if none of its jars changed since. */
  synchronized PluginFolder current() {
    Path folder = PluginFolder.location(variable, home);
    List<String> now = listing(folder);
    if (read == null || !now.equals(listing)) {
      if (read != null) {
        LOG.info("the output plugins in {} changed: they are read again", folder);
      }
      // Listed before it is read: a jar written in between is read again next time.
      read = PluginFolder.read(variable, home);
      listing = now;
    }
    return read;
  }

  /** Each jar in {@code folder} with its size and time; a line saying why, when it cannot be listed. */
  private static List<String> listing(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<String> jars = new ArrayList<>();
    try (Stream<Path> listed = Files.list(folder)) {
      for (Path jar : listed.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
        BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
        jars.add(jar.getFileName() + " " + a.size() + " " + a.lastModifiedTime().toInstant() + " " + a.fileKey());
      }
    } catch (IOException e) {
      return List.of(e.toString()); // read again each time it cannot be listed: the read names the problem
    }
    return jars;
  }
}
