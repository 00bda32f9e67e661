package io.datasipper.pipeline;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Streams and outputs; every output a stream names exists. */
public record PipelineSpec(List<StreamSpec> streams, List<OutputSpec> outputs) {
  public PipelineSpec {
    streams = List.copyOf(streams);
    outputs = List.copyOf(outputs);
    Set<String> names = new HashSet<>();
    outputs.forEach(o -> names.add(o.name()));
    for (StreamSpec s : streams) {
      for (String o : s.outputs()) {
        if (!names.contains(o)) {
          throw new IllegalArgumentException("stream " + s.name() + " names output " + o + ", which is not configured");
        }
      }
    }
  }

  public boolean isEmpty() {
    return streams.isEmpty();
  }
}
