package io.datasipper.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;

/** Jackson streaming plumbing shared by the HAR writers. */
final class HarJson {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** Writes part of a document. */
  @FunctionalInterface
  interface Part {
    void write(JsonGenerator g) throws IOException;
  }

  private HarJson() {}

  /** A generator that leaves {@code out} open, since the caller owns it. */
  static JsonGenerator generator(OutputStream out) throws IOException {
    return FACTORY.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  /** One JSON value as UTF-8 bytes, for spooling and later {@code writeRawValue}. */
  static byte[] bytes(Part part) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(buffer)) {
      part.write(g);
    }
    return buffer.toByteArray();
  }

  /** Chrome's HAR writes message times as seconds since the epoch with a fraction. */
  static double epochSeconds(Instant at) {
    return at.getEpochSecond() + at.getNano() / 1e9;
  }

  /** Milliseconds between two times; in seconds and nanos, as toNanos() overflows past 292 years. */
  static double millisBetween(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return d.getSeconds() * 1e3 + d.getNano() / 1e6;
  }

  /** Milliseconds rounded to the microsecond, so sums of phases do not print float noise. */
  static double millis(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }
}
