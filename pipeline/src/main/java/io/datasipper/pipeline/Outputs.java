package io.datasipper.pipeline;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputFactory;
import io.datasipper.api.output.SettingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The output types on the class path and in the {@link PluginFolder}, found with {@link ServiceLoader}.
 * A plugin that cannot be made, or that names a type already taken, is left out with a warning.
 */
public final class Outputs {
  /** Past this many plugins that cannot be made, the lookup stops: the iterator's recovery is best effort. */
  private static final int MAX_BROKEN = 100;
  /** The most records a factory may ask for in one write: more would hold that many in memory at once. */
  static final int MAX_RECORDS_PER_WRITE = 100_000;
  /** The most writes a factory may ask to have in flight. */
  static final int MAX_WRITES_IN_FLIGHT = 64;

  private final Map<String, OutputFactory> byType = new TreeMap<>();
  private final PluginFolder plugins;
  private final List<String> problems = new ArrayList<>();

  public Outputs() {
    this(PluginFolder.installed());
  }

  /** The outputs on the class path and in {@code plugins}. */
  public Outputs(PluginFolder plugins) {
    this.plugins = plugins;
    problems.addAll(plugins.problems());
    Iterator<OutputFactory> found = ServiceLoader.load(OutputFactory.class, plugins.loader()).iterator();
    for (int broken = 0; broken < MAX_BROKEN; ) {
      try {
        if (!found.hasNext()) {
          return;
        }
        add(found.next());
      } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
        // A plugin's code runs here (its class's loading, its constructor, its type()): whatever
        // it throws leaves that plugin out, not the command.
        broken++;
        PluginFolder.problem(problems, "an output plugin cannot be loaded and is left out (plugins are the jars in "
            + plugins.folder() + "): " + e + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
      }
    }
  }

  /**
   * Adds a factory once what it says of itself is usable: a plugin's answers are checked here, once,
   * so that a bad one is named at start rather than failing a capture, a reload or the dashboard later.
   */
  private void add(OutputFactory factory) {
    String plugin = factory.getClass().getName();
    String problem;
    try {
      problem = unusable(factory);
    } catch (RuntimeException | LinkageError e) {
      problem = "it fails to describe itself: " + e;
    }
    if (problem != null) {
      PluginFolder.problem(problems, "the output plugin " + plugin + " is left out: " + problem);
      return;
    }
    OutputFactory first = byType.putIfAbsent(factory.type(), factory);
    if (first != null && first.getClass() != factory.getClass()) {
      PluginFolder.problem(problems, "output type " + factory.type() + " of " + plugin + " is left out: "
          + first.getClass().getName() + " has that type already");
    }
  }

  /** What makes the factory unusable, or null. */
  private static String unusable(OutputFactory factory) {
    String type = factory.type();
    if (type == null || type.isBlank() || !type.equals(type.strip())) {
      return "its type() is " + (type == null ? "null" : "\"" + type + "\"") + "; expected a name to write in a config";
    }
    int perWrite = factory.maxRecordsPerWrite();
    if (perWrite < 1 || perWrite > MAX_RECORDS_PER_WRITE) {
      return "its maxRecordsPerWrite() is " + perWrite + "; expected 1 to " + MAX_RECORDS_PER_WRITE;
    }
    int inFlight = factory.maxWritesInFlight();
    if (inFlight < 1 || inFlight > MAX_WRITES_IN_FLIGHT) {
      return "its maxWritesInFlight() is " + inFlight + "; expected 1 to " + MAX_WRITES_IN_FLIGHT;
    }
    List<SettingSpec> settings = factory.settings();
    if (settings == null || settings.stream().anyMatch(Objects::isNull)) {
      return "its settings() " + (settings == null ? "are null" : "hold a null") + "; expected the keys it takes";
    }
    return null;
  }

  public boolean knows(String type) {
    return byType.containsKey(type);
  }

  /** Every output type's factory, by type name. */
  public List<OutputFactory> factories() {
    return List.copyOf(byType.values());
  }

  public String knownTypes() {
    return String.join(", ", byType.keySet());
  }

  /** Where output plugins are read from. */
  public Path pluginFolder() {
    return plugins.folder();
  }

  /** What is wrong with the installed plugins: each problem left a plugin out. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Says that {@code type} is none of the known ones, and where more would be installed. */
  public String unknown(String type) {
    return "unknown output type " + type + "; known: " + knownTypes() + " (output plugins are the jars in "
        + plugins.folder() + ", read when the config is loaded)";
  }

  /** Makes the output; the exception names the settings key at fault. */
  public Output create(OutputSpec spec) throws OutputConfigException {
    return factory(spec).create(spec.name(), spec.settings());
  }

  /** How many records one write of this output takes at most, and how many writes may be in flight. */
  OutputWorker.Limits limits(OutputSpec spec) throws OutputConfigException {
    OutputFactory factory = factory(spec);
    return new OutputWorker.Limits(factory.maxRecordsPerWrite(), factory.maxWritesInFlight());
  }

  private OutputFactory factory(OutputSpec spec) throws OutputConfigException {
    OutputFactory factory = byType.get(spec.type());
    if (factory == null) {
      throw new OutputConfigException("type", unknown(spec.type()));
    }
    return factory;
  }
}
