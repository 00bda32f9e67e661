package io.datasipper.pipeline;

import io.datasipper.store.ProcessStart;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * jars themselves (see {@link #loadableCopies}), deleted once it is gone.
 * A jar that cannot be read is left out with a warning naming it: one bad plugin does not stop a
 * capture whose config does not use it.
 */
public final class PluginFolder {
  public static final String VARIABLE = "DATASIPPER_PLUGINS";
  private static final Logger LOG = LoggerFactory.getLogger(PluginFolder.class);
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
  /** The start of the name of a folder of copies of the jars (see {@link #loader}), then its process's pid. */
  static final String COPIES = "datasipper-plugins-";
  /** Whether this process has deleted the copies that ended processes left behind (once is enough). */
  private static final AtomicBoolean SWEPT = new AtomicBoolean();
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
    return new PluginFolder(folder, loader(folder, parent, problems), problems);
  }

  /**
   * A class loader over copies of the folder's jars (see {@link #loadableCopies}); {@code parent}
   * itself when there is none.
   */
  private static ClassLoader loader(Path folder, ClassLoader parent, List<String> problems) {
    List<Path> jars = jarsIn(folder, problems);
    if (jars.isEmpty()) {
      return parent;
    }
    if (SWEPT.compareAndSet(false, true)) {
      deleteLeftBehind(Path.of(System.getProperty("java.io.tmpdir")));
    }
    Path copies;
    try {
      // Only its owner may read it, or change it; named by the process, for deleteLeftBehind.
      copies = Files.createTempDirectory(COPIES + ProcessHandle.current().pid() + "-");
    } catch (IOException e) {
      problem(problems, "the output plugins in " + folder + " cannot be copied to be loaded, none is loaded: " + e);
      return parent;
    }
    copies.toFile().deleteOnExit(); // after the copies, which are registered after it
    List<URL> urls = loadableCopies(jars, copies, problems);
    if (urls.isEmpty()) {
      deleteQuietly(copies);
      return parent;
    }
    URLClassLoader loader = new URLClassLoader("datasipper-plugins", urls.toArray(URL[]::new), parent);
    // Once nothing can load through it, its copies go: a long run whose plugins change often would
    // otherwise keep a copy of every version until it exits.
    CopiesCleaner.CLEANER.register(loader, () -> deleteQuietly(copies));
    return loader;
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

  /** Deletes the copies of the jars a class loader read once it is gone; started by the first plugin read. */
  private static final class CopiesCleaner {
    static final Cleaner CLEANER =
        Cleaner.create(Thread.ofPlatform().name("datasipper-plugin-copies").daemon().factory());
  }

  private static List<Path> jarsIn(Path folder, List<String> problems) {
    try (Stream<Path> listed = Files.list(folder)) {
      return listed.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      problem(problems, "the output plugins in " + folder + " cannot be listed, none is loaded: " + e);
      return List.of();
    }
  }

  /**
   * Copies of {@code jars} in {@code copies}, those that are readable jars: the class loader reads
   * the copies. A user who replaces a jar in place ({@code cp new.jar plugins/}) while an output made
   * from it runs would otherwise change the file under that output's class loader, whose next class
   * to load would be read from the wrong place in the new file and fail, stopping the output.
   */
  private static List<URL> loadableCopies(List<Path> jars, Path copies, List<String> problems) {
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
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

  /**
   * Deletes the folders of copies in {@code tmp} that processes which have ended left behind: one
   * that was killed did not delete its own at exit. A process running under the folder's pid that
   * started after the folder last changed got the pid later and did not make it. Those of processes
   * still running, and of other users, stay.
   */
  static void deleteLeftBehind(Path tmp) {
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(tmp, COPIES + "*")) {
      for (Path folder : folders) {
        String rest = folder.getFileName().toString().substring(COPIES.length());
        int dash = rest.indexOf('-');
        try {
          long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
          Instant changed = Files.getLastModifiedTime(folder).toInstant();
          if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
              .filter(p -> !ProcessStart.startedAfter(p, changed)).isEmpty()) {
            deleteQuietly(folder);
          }
        } catch (NumberFormatException e) {
          // not a folder this names
        } catch (IOException e) {
          // gone meanwhile, or not ours to read: left as it is
        }
      }
    } catch (IOException e) {
      // Nothing to sweep, or nothing that may be: it is only what processes left in the temporary folder.
    }
  }

  /** Deletes a folder of copies; what cannot be deleted now is left to the process's exit. */
  private static void deleteQuietly(Path copies) {
    try (Stream<Path> files = Files.list(copies)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(copies);
    } catch (IOException e) {
      // Registered for deletion at exit as well.
    }
  }
}
