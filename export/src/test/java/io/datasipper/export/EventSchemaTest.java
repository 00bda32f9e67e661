package io.datasipper.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/events.schema.json and docs/events.md against what {@link EventJson} really writes. */
class EventSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DOCS = NodeTool.moduleDir().resolve("../docs").normalize();
  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

  /** Every event record: the sealed interface's, and those of the sealed interfaces within it. */
  private static final List<Class<?>> EVENT_TYPES = recordTypes(CaptureEvent.class);

  @TempDir Path dir;

  @Test
  void everyEventTypeMatchesTheSchema() throws Exception {
    List<CaptureEvent> events = SampleCapture.events();
    assertThat(events.stream().map(Object::getClass).collect(Collectors.toSet()))
        .as("the sample has every event type")
        .containsExactlyInAnyOrderElementsOf(EVENT_TYPES);

    List<JsonNode> results = validate(events.stream().map(EventJson::write).toList());

    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).path("valid").asBoolean())
          .as("%s is valid: %s", EventJson.write(events.get(i)), results.get(i)).isTrue();
    }
  }

  @Test
  void schemaRejectsWhatEventJsonNeverWrites() throws Exception {
    ObjectNode close = (ObjectNode) JSON.readTree(EventJson.write(SampleCapture.events().stream()
        .filter(e -> e.type().equals("ws_close")).findFirst().orElseThrow()));
    ObjectNode frame = (ObjectNode) JSON.readTree(EventJson.write(SampleCapture.events().stream()
        .filter(e -> e.type().equals("ws_frame")).findFirst().orElseThrow()));
    ObjectNode http = (ObjectNode) JSON.readTree(EventJson.write(SampleCapture.events().getFirst()));
    List<String> invalid = List.of(
        close.deepCopy().put("extra", 1).toString(),
        close.deepCopy().put("type", "ws_closed").toString(),
        close.deepCopy().putNull("url").toString(),
        close.deepCopy().put("timestamp", "yesterday").toString(),
        close.deepCopy().put("seq", 0).toString(),
        frame.deepCopy().put("direction", "both").toString(),
        withBody(frame, JSON.createObjectNode().put("size", 3).put("truncated", false)),
        http.deepCopy().without("response").toString(),
        withResponse(http, "remote_ip", "[2001:db8::1"),
        withResponse(http, "remote_ip", "203.0.113.5:80"),
        http.deepCopy().without("method").toString());

    List<JsonNode> results = validate(invalid);

    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).path("valid").asBoolean()).as("rejects %s", invalid.get(i)).isFalse();
    }
  }

  @Test
  void docsExamplesAreExactlyWhatEventJsonWritesAndMatchTheSchema() throws Exception {
    List<String> examples = new ArrayList<>();
    Matcher m = JSON_BLOCK.matcher(Files.readString(DOCS.resolve("events.md")));
    while (m.find()) {
      examples.add(m.group(1));
    }
    Set<String> types = examples.stream().map(this::type).collect(Collectors.toSet());
    assertThat(types).as("an example per event type").hasSize(EVENT_TYPES.size());

    for (String example : examples) {
      JsonNode written = JSON.readTree(EventJson.write(EventJson.read(example)));
      assertThat(written).as("EventJson writes the example as it is in the docs").isEqualTo(JSON.readTree(example));
    }
    List<JsonNode> results = validate(examples.stream().map(e -> compact(e)).toList());
    assertThat(results).allSatisfy(r -> assertThat(r.path("valid").asBoolean()).as(r.toString()).isTrue());
  }

  @Test
  void everyEventTypeHasASectionInTheDocs() throws IOException {
    String docs = Files.readString(DOCS.resolve("events.md"));
    List<String> typeNames = EVENT_TYPES.stream()
        .map(EventSchemaTest::typeName).toList();

    assertThat(typeNames).allSatisfy(t -> assertThat(docs).contains("\n## " + t + "\n"));
  }

  private static List<Class<?>> recordTypes(Class<?> sealed) {
    return Arrays.stream(sealed.getPermittedSubclasses())
        .flatMap(c -> c.isSealed() ? recordTypes(c).stream() : Stream.of(c)).toList();
  }

  /** Runs ajv over the lines; one result per line, in order. */
  private List<JsonNode> validate(List<String> jsonLines) throws Exception {
    Path lines = dir.resolve("events.jsonl");
    Files.write(lines, jsonLines);
    NodeTool.Result run = NodeTool.installed()
        .run("validate-json.js", DOCS.resolve("events.schema.json").toString(), lines.toString());
    assertThat(run.exitCode()).as(run.output()).isZero();
    List<JsonNode> results = new ArrayList<>();
    for (String line : run.output().strip().split("\n")) {
      results.add(JSON.readTree(line));
    }
    assertThat(results).as(run.output()).hasSize(jsonLines.size());
    return results;
  }

  private static String withBody(ObjectNode frame, ObjectNode body) {
    ObjectNode copy = frame.deepCopy();
    copy.set("payload", body);
    return copy.toString();
  }

  private static String withResponse(ObjectNode http, String field, String value) {
    ObjectNode copy = http.deepCopy();
    ((ObjectNode) copy.path("response")).put(field, value);
    return copy.toString();
  }

  private String type(String json) {
    try {
      return JSON.readTree(json).path("type").asText();
    } catch (IOException e) {
      throw new AssertionError("docs example is not JSON: " + json, e);
    }
  }

  private static String compact(String json) {
    try {
      return JSON.readTree(json).toString();
    } catch (IOException e) {
      throw new AssertionError("docs example is not JSON: " + json, e);
    }
  }

  private static String typeName(Class<?> eventClass) {
    try {
      return (String) eventClass.getField("TYPE").get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(eventClass + " has no TYPE constant", e);
    }
  }
}
