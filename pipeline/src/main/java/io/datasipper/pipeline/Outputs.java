package io.datasipper.pipeline;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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

  private final Map<String, OutputFactory> byType = new TreeMap<>();
  private final PluginFolder plugins;
  private final List<String> problems = new ArrayList<>();

  public Outputs() {
    this(PluginFolder.installed());
  }

  Outputs(PluginFolder plugins) {
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

  private void add(OutputFactory factory) {
    OutputFactory first = byType.putIfAbsent(factory.type(), factory);
    if (first != null && first.getClass() != factory.getClass()) {
      PluginFolder.problem(problems, "output type " + factory.type() + " of " + factory.getClass().getName() + " is left out: "
          + first.getClass().getName() + " has that type already");
    }
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

  /** What is wrong with the installed plugins: each problem left a plugin out. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Says that {@code type} is none of the known ones, and where more would be installed. */
  public String unknown(String type) {
    return "unknown output type " + type + "; known: " + knownTypes() + " (output plugins are the jars in "
        + plugins.folder() + ", read at start)";
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
