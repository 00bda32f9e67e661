package io.datasipper.output.redis;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputFactory;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import java.util.List;
import java.util.Map;

/**
 * {@code type: discard} (tests only): delivers every record at once, nowhere. The bench runs the
 * pipeline with it to tell the cost of reading, routing and converting events from the output's.
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
