package io.datasipper.pipeline;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of output plugins a user installs: every {@code *.jar} in the folder that the
 * environment variable {@value #VARIABLE} names, else in {@code ~/.datasipper/plugins}, read when
 * first needed and again once they changed ({@link #installed}). The jars share one class loader
 * whose parent is DataSipper's, so a plugin and its own libraries see the one API DataSipper has,
 * and the outputs DataSipper ships are found first. The loader reads copies of the jars, not the
 * jars themselves (see {@link #loadableCopies}).
 * A jar that cannot be read is left out with a warning naming it: one bad plugin does not stop a
 * capture whose config does not use it.
 */
public final class PluginFolder {
  public static final String VARIABLE = "DATASIPPER_PLUGINS";
  private static final Logger LOG = LoggerFactory.getLogger(PluginFolder.class);
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
  private static final InstalledPlugins INSTALLED =
      new InstalledPlugins(System.getenv(VARIABLE), Path.of(System.getProperty("user.home")));

  private final Path folder;
  private final ClassLoader loader;
  private final List<String> problems;

  private PluginFolder(Path folder, ClassLoader loader, List<String> problems) {
    this.folder = folder;
    this.loader = loader;
    this.problems = List.copyOf(problems);
  }

  /**
   * The folder this process reads plugins from, its jars loaded on first use and again once they
   * changed (see {@link InstalledPlugins}).
   */
  public static PluginFolder installed() {
    return INSTALLED.current();
  }

  /** The plugins named by {@code variable} (the value of {@value #VARIABLE}, or null), else those under {@code home}. */
  public static PluginFolder read(String variable, Path home) {
    boolean named = named(variable);
    Path folder = location(variable, home);
    ClassLoader parent = PluginFolder.class.getClassLoader();
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      if (named) {
        problem(problems, VARIABLE + " names " + folder + ", which is not a folder: no output plugins are loaded");
      }
      return new PluginFolder(folder, parent, problems);
    }
    List<URL> jars = loadableCopies(folder, problems);
    return new PluginFolder(folder, jars.isEmpty() ? parent
        : new URLClassLoader("datasipper-plugins", jars.toArray(URL[]::new), parent), problems);
  }

  /** The folder {@code variable} names, else the one under {@code home}. */
  static Path location(String variable, Path home) {
    return named(variable) ? Path.of(variable) : home.resolve(".datasipper/plugins");
  }

  private static boolean named(String variable) {
    return variable != null && !variable.isBlank();
  }

  /** Where plugins are read from, whether or not it exists. */
  public Path folder() {
    return folder;
  }

  /** The class loader that sees DataSipper's classes and the plugins'. */
  ClassLoader loader() {
    return loader;
  }

  /** What was wrong with the folder or its jars: each left out of the plugins. */
  List<String> problems() {
    return problems;
  }

  /**
   * Adds a problem with the plugins to {@code problems} and logs it once per process: the outputs
   * are looked up by each part of a command that needs them, and a user needs to read of a broken
   * plugin only once.
   */
  static void problem(List<String> problems, String problem) {
    problems.add(problem);
    if (WARNED.add(problem)) {
      LOG.warn(problem);
    }
  }

  /**
   * Copies of the folder's readable jars, in a private folder of their own: a user who replaces a
   * jar in place ({@code cp new.jar plugins/}) while an output made from it runs would otherwise
   * change the file under that output's class loader, whose next class to load would then be read
   * from the wrong place in the new file and fail, stopping the output. The copies go when the
   * process ends; the folder is copied once per read, and read again only once it changed.
   */
  private static List<URL> loadableCopies(Path folder, List<String> problems) {
    List<Path> files;
    try (Stream<Path> listed = Files.list(folder)) {
      files = listed.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      problem(problems, "the output plugins in " + folder + " cannot be listed, none is loaded: " + e);
      return List.of();
    }
    if (files.isEmpty()) {
      return List.of();
    }
    Path copies;
    try {
      copies = Files.createTempDirectory("datasipper-plugins-"); // only its owner may read it, or change it
    } catch (IOException e) {
      problem(problems, "the output plugins in " + folder + " cannot be copied to be loaded, none is loaded: " + e);
      return List.of();
    }
    copies.toFile().deleteOnExit(); // after the copies, which are registered after it
    List<URL> urls = new ArrayList<>();
    for (Path jar : files) {
      Path copy = copies.resolve(jar.getFileName());
      try {
        Files.copy(jar, copy);
        copy.toFile().deleteOnExit();
      } catch (IOException e) {
        problem(problems, "the output plugin " + jar + " cannot be copied to be loaded, and is left out: " + e);
        continue;
      }
      try {
        new JarFile(copy.toFile()).close(); // a file that is not a jar is named here, not at each lookup
        urls.add(copy.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalStateException("not a jar address: " + copy, e);
      } catch (IOException e) {
        problem(problems, "the output plugin " + jar + " is not a readable jar and is left out: " + e);
      }
    }
    return urls;
  }
}
