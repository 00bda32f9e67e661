package io.datasipper.output;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputFactory;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.OutputSettings;
import io.datasipper.api.output.WriteResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code type: stdout}: JSON lines on standard output, for piping into other tools. */
public final class StdoutOutputFactory implements OutputFactory {

  @Override
  public String type() {
    return "stdout";
  }

  @Override
  public Output create(String name, Map<String, Object> settings) throws OutputConfigException {
    new OutputSettings(settings, List.of());
    return new Output() {
      private final PrintStream out = System.out;

      @Override
      public void start() {}

      @Override
      public WriteResult write(List<OutputRecord> batch) {
        StringBuilder lines = new StringBuilder();
        batch.forEach(r -> lines.append(r.json()).append('\n'));
        out.print(lines);
        out.flush();
        return out.checkError() ? WriteResult.retry(0, "standard output is closed") : WriteResult.allDelivered(batch.size());
      }

      @Override
      public void stop() {
        out.flush();
      }
    };
  }
}
