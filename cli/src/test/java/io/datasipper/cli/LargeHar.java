package io.datasipper.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A HAR of many large entries, written entry by entry: each a GET answered 200 with a text body. */
final class LargeHar {
  private LargeHar() {}

  static void write(Path file, int entries, int bodyBytes) throws IOException {
    String body = "x".repeat(bodyBytes);
    try (OutputStream out = Files.newOutputStream(file);
        JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeObjectFieldStart("log");
      g.writeStringField("version", "1.2");
      g.writeArrayFieldStart("entries");
      for (int i = 0; i < entries; i++) {
        g.writeStartObject();
        g.writeStringField("startedDateTime", "2026-03-01T10:00:00.000Z");
        g.writeNumberField("time", 12.5);
        g.writeObjectFieldStart("request");
        g.writeStringField("method", "GET");
        g.writeStringField("url", "http://big.test/item/" + i);
        g.writeArrayFieldStart("headers");
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("response");
        g.writeNumberField("status", 200);
        g.writeObjectFieldStart("content");
        g.writeNumberField("size", bodyBytes);
        g.writeStringField("mimeType", "text/plain");
        g.writeStringField("text", body);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
  }
}
