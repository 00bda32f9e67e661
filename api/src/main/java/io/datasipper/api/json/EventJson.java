package io.datasipper.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.datasipper.api.event.CaptureEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

/** The documented JSON form of events: snake_case keys, ISO-8601 times, nulls left out. */
public final class EventJson {
  /**
   * What the reader accepts: whatever the writer can write, so the store can read back every event
   * it took. Jackson's default read limits (strings of 20,000,000 characters, names of 50,000) have
   * no counterpart on the write side, where a raised {@code bodies.max_bytes} or a large WebSocket
   * frame makes longer strings. Nesting keeps its default, which is the writer's too.
   */
  private static final StreamReadConstraints READ_LIMITS = StreamReadConstraints.builder()
      .maxStringLength(Integer.MAX_VALUE)
      .maxNameLength(Integer.MAX_VALUE)
      .maxDocumentLength(-1)
      .build();

  private static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(READ_LIMITS).build();

  /**
   * Made on first use: a capture writes its events with {@link EventWriter} and the factory alone,
   * and a cold JVM takes 0.1-0.2 s to make a mapper.
   */
  private static final class Mapper {
    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
        .registerModule(new JavaTimeModule())
        // Registered after the time module, so its reader and writer of instants are the ones used.
        .registerModule(new SimpleModule("datasipper-instants")
            .addDeserializer(Instant.class, new InstantReader())
            .addSerializer(Instant.class, new InstantWriter()))
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  private EventJson() {}

  public static ObjectMapper mapper() {
    return Mapper.MAPPER;
  }

  /** The event's JSON, written by {@link EventWriter} as this mapper would write it. */
  public static String write(CaptureEvent event) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      new EventWriter(g).write(event);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write event " + event.id() + " as JSON", e);
    }
    return out.toString();
  }

  /**
   * The text of one top-level field of an event's JSON, or null if it has none; reads no further
   * than that field and skips the values of the others, so it costs a fraction of {@link #read}.
   */
  public static String topLevelText(String json, String field) {
    return topLevelText(json.getBytes(StandardCharsets.UTF_8), field);
  }

  /** {@link #topLevelText(String, String)} of JSON given as UTF-8, as it is stored. */
  public static String topLevelText(byte[] json, String field) {
    String found = TopLevelField.find(json, field);
    // Identity, not equals: only the scan's own marker means "unsure", never a field's text.
    return found != TopLevelField.UNSURE ? found : topLevelTextParsed(json, field);
  }

  /**
   * The text of a field of an object that is a top-level field ({@code source.node}), read as
   * {@link #topLevelText(byte[], String)} reads one, and from the end when the object is the last
   * field (as {@code source} is); null if there is none or it is not text.
   */
  public static String nestedText(byte[] json, String object, String field) {
    String found = TopLevelField.findInLast(json, object, field);
    if (found == TopLevelField.UNSURE) {
      found = TopLevelField.find(json, object, field);
    }
    return found != TopLevelField.UNSURE ? found : topLevelTextParsed(json, object, field);
  }

  private static String topLevelTextParsed(byte[] json, String... path) {
    try (JsonParser p = FACTORY.createParser(json)) {
      JsonToken token = p.nextToken();
      for (String name : path) {
        if (token != JsonToken.START_OBJECT || !skipTo(p, name)) {
          return null;
        }
        token = p.nextToken(); // the field's value
      }
      return token == JsonToken.VALUE_STRING ? p.getText() : null;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a DataSipper event: " + e.getMessage(), e);
    }
  }

  /** Moves to the object's field {@code name}, skipping the others; false if it has none. */
  private static boolean skipTo(JsonParser p, String name) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      if (name.equals(p.currentName())) {
        return true;
      }
      p.nextToken();
      p.skipChildren();
    }
    return false;
  }

  /**
   * Why {@code json} is not one well-formed JSON object, or null if it is. Checks the syntax only,
   * skipping over values without decoding them: far cheaper than {@link #read}, for a reader that
   * passes the text on as it is but must not pass on text that does not parse.
   */
  public static String syntaxProblem(byte[] json) {
    if (JsonSyntax.isObject(json)) {
      return null;
    }
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return "not a JSON object";
      }
      p.skipChildren();
      if (p.nextToken() != null) {
        return "text after the JSON object at column " + p.currentTokenLocation().getColumnNr();
      }
      return null;
    } catch (JsonProcessingException e) {
      return e.getOriginalMessage() + " at column " + e.getLocation().getColumnNr();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // not thrown when reading from an array
    }
  }

  public static CaptureEvent read(String json) {
    try {
      return Mapper.MAPPER.readValue(json, CaptureEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a DataSipper event: " + e.getOriginalMessage(), e);
    }
  }

  /** {@link #read(String)} of JSON given as UTF-8. */
  public static CaptureEvent read(byte[] json) {
    try {
      return Mapper.MAPPER.readValue(json, CaptureEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a DataSipper event: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // not thrown when reading from an array
    }
  }

  private static final class InstantReader extends StdScalarDeserializer<Instant> {
    InstantReader() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      String text = p.getText();
      try {
        return IsoInstants.parse(text);
      } catch (DateTimeException e) {
        return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant: %s", e.getMessage());
      }
    }
  }

  private static final class InstantWriter extends StdScalarSerializer<Instant> {
    InstantWriter() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(IsoInstants.format(value));
    }
  }
}
