package io.datasipper.pipeline;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputFactory;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The output types on the class path, found with {@link ServiceLoader}. */
public final class Outputs {
  private final Map<String, OutputFactory> byType = new TreeMap<>();

  public Outputs() {
    ServiceLoader.load(OutputFactory.class).forEach(f -> byType.put(f.type(), f));
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
      throw new OutputConfigException("type", "unknown output type " + spec.type() + "; known: " + knownTypes());
    }
    return factory;
  }
}
