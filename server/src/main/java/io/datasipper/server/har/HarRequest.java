package io.datasipper.server.har;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.server.ApiError;
import java.util.Arrays;

/** The body of {@code POST /api/har}, {@code {"seqs": [1, 2, 5]}}, checked: a bad one is refused naming what is wrong. */
final class HarRequest {
  /** Ten times the rows the dashboard keeps; the body limit allows about as many. */
  static final int MAX_SEQS = 100_000;
  private static final String EXPECTED = "expected a JSON object {\"seqs\": [...]} listing the events to download";

  private HarRequest() {}

  /** The seqs named, each once, in ascending order: the store's order, in which a HAR is written. */
  static long[] seqs(String body) {
    if (body == null || body.isBlank()) {
      throw new ApiError(400, "body: empty; " + EXPECTED);
    }
    JsonNode request;
    try {
      request = ApiError.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "body: not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (!request.isObject()) {
      throw new ApiError(400, "body: " + EXPECTED);
    }
    request.fieldNames().forEachRemaining(key -> {
      if (!key.equals("seqs")) {
        throw new ApiError(400, "body." + key + ": unknown key; the only key is seqs");
      }
    });
    JsonNode seqs = request.get("seqs");
    if (seqs == null || !seqs.isArray()) {
      throw new ApiError(400, "body.seqs: " + (seqs == null ? "missing" : seqs + " is not an array") + "; " + EXPECTED);
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
