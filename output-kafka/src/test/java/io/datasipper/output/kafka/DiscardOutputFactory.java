package io.datasipper.output.kafka;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputFactory;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import java.util.List;
import java.util.Map;

/**
 * {@code type: discard}, for the benchmark: an output that takes every record at once, so a
 * pipeline run over it shows what the pipeline itself can carry, with no destination behind it.
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
