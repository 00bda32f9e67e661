package io.datasipper.output.testkit;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputFactory;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import java.util.List;
import java.util.Map;

/**
 * {@code type: discard}: an output that takes every record at once, nowhere. A benchmark runs the
 * pipeline over it to show what the pipeline itself can carry (reading, routing and converting
 * events), apart from the cost of a destination.
 *
 * <p>This jar does not register it: a module whose tests or benchmarks use it names it in its
 * {@code src/test/resources/META-INF/services/io.datasipper.api.output.OutputFactory}.
 */
public final class DiscardOutputFactory implements OutputFactory {

  @Override
  public String type() {
    return "discard";
  }

  @Override
  public Output create(String name, Map<String, Object> settings) {
    return new Output() {
      @Override
      public void start() {}

      @Override
      public WriteResult write(List<OutputRecord> batch) {
        return WriteResult.allDelivered(batch.size());
      }

      @Override
      public void stop() {}
    };
  }
}
