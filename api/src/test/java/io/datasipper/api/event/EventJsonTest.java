package io.datasipper.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.json.EventJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  @Test
  void writesSnakeCaseWithTypeAndReadsItBack() {
    WsFrameEvent frame =
        new WsFrameEvent(EventStamps.newId(), 7, Instant.parse("2026-01-02T03:04:05.123456Z"), "c1",
            "ws://127.0.0.1/ws", WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.BINARY,
            Body.base64("AAE=", 2, false), 2, new Source("t1", "f1", "page", "http://x/"));
    String json = EventJson.write(frame);
    assertThat(json)
        .contains("\"type\":\"ws_frame\"", "\"connection_id\":\"c1\"", "\"direction\":\"received\"",
            "\"opcode\":\"binary\"", "\"encoding\":\"base64\"", "\"2026-01-02T03:04:05.123456Z\"")
        .doesNotContain("\"omitted\"", "delivery_key");
    assertThat(EventJson.read(json)).isEqualTo(frame);
    assertThat(frame.deliveryKey()).as("every frame of one connection shares its key").isEqualTo("c1");
  }

  @Test
  void httpEventRoundTripsWithHeadersAndRedirects() {
    HttpEvent http =
        new HttpEvent("id", 1, Instant.EPOCH, Instant.EPOCH.plusMillis(5), "1234.5", "http://a/b", "POST",
            new HttpEvent.HttpRequest(List.of(new EventHeader("Content-Type", "application/json")),
                Body.text("{}", 2, false)),
            new HttpEvent.HttpResponse(200, "OK", List.of(), "application/json",
                Body.omitted(10, "mime type excluded"), "http/1.1", "127.0.0.1", 80, false),
            new HttpEvent.Timing(0, -1, -1, -1, 0.1, 1, 0.2, 5),
            List.of(new HttpEvent.Redirect("http://a/", "GET", 302, "Found", "/b")), null, "fetch",
            new HttpEvent.Initiator("script", "http://a/app.js"), null);
    String json = EventJson.write(http);
    assertThat(json).contains("\"request_id\":\"1234.5\"", "\"status_text\":\"OK\"", "\"resource_type\":\"fetch\"");
    assertThat(EventJson.read(json)).isEqualTo(http);
  }

  @Test
  void readsBackWhatItWritesBeyondJacksonsDefaultLimitsOnStringsAndNames() {
    String body = "x".repeat(21_000_000); // Jackson's default read limit is 20,000,000 characters
    String headerName = "X-" + "n".repeat(60_000); // and 50,000 for a name
    HttpEvent http =
        new HttpEvent("id", 1, Instant.EPOCH, Instant.EPOCH, null, "http://a/b", "GET",
            new HttpEvent.HttpRequest(List.of(new EventHeader(headerName, "v")), null),
            new HttpEvent.HttpResponse(200, "OK", List.of(), "text/plain", Body.text(body, body.length(), false),
                "http/1.1", null, null, false),
            null, List.of(), null, "fetch", null, null);
    String json = EventJson.write(http);
    assertThat(EventJson.syntaxProblem(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isNull();
    assertThat(EventJson.read(json)).isEqualTo(http);
  }

  @Test
  void saysWhereTextIsNoJsonObject() {
    assertThat(EventJson.syntaxProblem("{\"id\":\"a\",".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .contains("end-of-input");
    assertThat(EventJson.syntaxProblem("{\"id\":x}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .contains("column 7");
    assertThat(EventJson.syntaxProblem("{} {}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo("text after the JSON object at column 4");
    assertThat(EventJson.syntaxProblem("[1]".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo("not a JSON object");
    assertThat(EventJson.syntaxProblem("{\"a\":[1,{\"b\":null}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isNull();
  }

  @Test
  void idsAreUniqueAndVersion7() {
    String a = EventStamps.newId();
    String b = EventStamps.newId();
    assertThat(a).isNotEqualTo(b);
    assertThat(java.util.UUID.fromString(a).version()).isEqualTo(7);
  }

  @Test
  void readsOneTopLevelFieldWithoutTheRest() {
    WsFrameEvent frame =
        new WsFrameEvent("e1", 7, Instant.parse("2026-01-02T03:04:05Z"), "conn-9", "ws://127.0.0.1/ws",
            WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT,
            Body.text("{\"connection_id\":\"not this one\"}", 31, false), 31, new Source("t1", "f1", "page", "http://x/"));
    String json = EventJson.write(frame);
    assertThat(EventJson.topLevelText(json, "connection_id")).isEqualTo("conn-9");
    assertThat(EventJson.topLevelText(json, "tab_id")).as("nested, not top-level").isNull();
    assertThat(EventJson.topLevelText(json, "request_id")).isNull();
    assertThat(EventJson.topLevelText(json, "seq")).as("not text").isNull();
  }
}
