package io.datasipper.server.har;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.server.ApiError;
import io.datasipper.server.JsonBody;
import java.util.Arrays;
import java.util.Set;

/** The body of {@code POST /api/har}, {@code {"seqs": [1, 2, 5]}}, checked: a bad one is refused naming what is wrong. */
final class HarRequest {
  /** Ten times the rows the dashboard keeps; the body limit allows about as many. */
  static final int MAX_SEQS = 100_000;

  private HarRequest() {}

  /** The seqs named, each once, in ascending order: the store's order, in which a HAR is written. */
  static long[] seqs(String body) {
    JsonNode request = JsonBody.object(body, Set.of("seqs"), "seqs");
    JsonNode seqs = request.get("seqs");
    if (seqs == null) {
      throw new ApiError(400, "body.seqs: missing; list the seqs of the events to download");
    }
    if (!seqs.isArray()) {
      throw new ApiError(400, "body.seqs: " + seqs + " is not an array of seqs");
    }
    if (seqs.size() > MAX_SEQS) {
      throw new ApiError(400, "body.seqs: " + String.format("%,d", seqs.size()) + " seqs; at most "
          + String.format("%,d", MAX_SEQS) + " in one download");
    }
    long[] parsed = new long[seqs.size()];
    for (int i = 0; i < parsed.length; i++) {
      JsonNode seq = seqs.get(i);
      if (!seq.canConvertToExactIntegral() || !seq.canConvertToLong() || seq.asLong() < 1) {
        throw new ApiError(400, "body.seqs[" + i + "]: " + seq + " is not a seq (a whole number from 1)");
      }
      parsed[i] = seq.asLong();
    }
    return Arrays.stream(parsed).sorted().distinct().toArray();
  }
}
