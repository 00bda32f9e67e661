package io.datasipper.route;

import static io.datasipper.route.TestEvents.http;
import static io.datasipper.route.TestEvents.sse;
import static io.datasipper.route.TestEvents.wsFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.WsFrameEvent.Direction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FieldsTest {

  @Test
  void typeOfEveryEvent() {
    assertThat(TestEvents.oneOfEach()).extracting(e -> read("type", e))
        .containsExactly("http", "ws_open", "ws_frame", "ws_close", "ws_error", "sse", "capture_gap", "capture_error");
  }

  @Test
  void urlAndItsParts() {
    HttpEvent e = http().build();
    assertThat(read("url", e)).isEqualTo("https://shop.example/api/cart?id=42&q=red+shoes");
    assertThat(read("host", e)).isEqualTo("shop.example");
    assertThat(read("path", e)).isEqualTo("/api/cart");
    assertThat(read("query.id", e)).isEqualTo("42");
    assertThat(read("query.q", e)).isEqualTo("red shoes");
    assertThat(read("query.nope", e)).isNull();

    assertThat(read("host", http().url("https://user:pw@API.Example.com:8443/x").build())).isEqualTo("api.example.com");
    assertThat(read("host", http().url("http://[::1]:8080/x").build())).isEqualTo("[::1]");
    assertThat(read("host", http().url("http://[::1]/x").build())).isEqualTo("[::1]");
    assertThat(read("path", http().url("https://a.example").build())).isEqualTo("/");
    assertThat(read("path", http().url("https://a.example?x=1").build())).isEqualTo("/");
    assertThat(read("query.x", http().url("https://a.example?x=1").build())).isEqualTo("1");
    HttpEvent fragment = http().url("https://a.example/p/q#frag?x=1").build();
    assertThat(read("path", fragment)).isEqualTo("/p/q");
    assertThat(read("query.x", fragment)).isNull();
    HttpEvent odd = http().url("https://a.example/s?flag&empty=&a%20b=c%2Fd&bad=%zz&x=1&x=2").build();
    assertThat(read("query.flag", odd)).isEqualTo("");
    assertThat(read("query.empty", odd)).isEqualTo("");
    assertThat(read("query.a b", odd)).isEqualTo("c/d");
    assertThat(read("query.bad", odd)).isEqualTo("%zz");
    assertThat(read("query.x", odd)).isEqualTo("1");

    HttpEvent data = http().url("data:text/plain,hello").build();
    assertThat(read("url", data)).isEqualTo("data:text/plain,hello");
    assertThat(read("host", data)).isNull();
    assertThat(read("path", data)).isNull();
    assertThat(read("host", http().url("file:///etc/hosts").build())).isNull();

    assertThat(read("url", TestEvents.wsError())).as("empty URL of a connection opened before capture").isNull();
    assertThat(read("query.room", wsFrame(Direction.SENT, "x"))).isEqualTo("7");
    assertThat(read("host", sse("m", "x"))).isEqualTo("news.example");
  }

  @Test
  void httpExchange() {
    HttpEvent e = http().build();
    assertThat(read("method", e)).isEqualTo("POST");
    assertThat(read("status", e)).isEqualTo(201L);
    assertThat(read("mime_type", e)).isEqualTo("application/json");
    assertThat(read("resource_type", e)).isEqualTo("fetch");
    assertThat(read("duration_ms", e)).isEqualTo(186.4);
    assertThat(read("duration_ms", http().timing(null).build())).as("from started_at to ended_at").isEqualTo(186.0);
    assertThat(read("duration_ms", http().timing(new HttpEvent.Timing(-1, -1, -1, -1, -1, -1, -1, -1)).build()))
        .isEqualTo(186.0);
    assertThat(read("size", e)).isEqualTo(50L);

    HttpEvent failed = http().failed("net_error").build();
    assertThat(read("status", failed)).isNull();
    assertThat(read("mime_type", failed)).isNull();
    assertThat(read("response.body", failed)).isNull();
    assertThat(read("response.headers.etag", failed)).isNull();
    assertThat(read("size", failed)).isNull();
    assertThat(read("error.kind", failed)).isEqualTo("net_error");
    assertThat(read("error.kind", e)).isNull();
  }

  @Test
  void headersByNameInAnyCase() {
    HttpEvent e = http().requestHeader("X-Count", "7").build();
    assertThat(read("request.headers.content-type", e)).isEqualTo("application/json");
    assertThat(read("request.headers.Content-Type", e)).isEqualTo("application/json");
    assertThat(read("request.headers.x-count", e)).isEqualTo("7");
    assertThat(read("request.headers.accept", e)).isNull();
    assertThat(read("response.headers.etag", e)).isEqualTo("\"v1\"");
    assertThat(read("response.headers.CONTENT-TYPE", e)).isEqualTo("application/json; charset=utf-8");
    assertThat(read("request.headers.sec-websocket-version", TestEvents.wsOpen())).isEqualTo("13");
    assertThat(read("response.headers.upgrade", TestEvents.wsOpen())).isEqualTo("websocket");
    assertThat(read("status", TestEvents.wsOpen())).isEqualTo(101L);
  }

  @Test
  void repeatedHeadersGiveTheFirstValue() {
    HttpEvent e = http().responseHeader("Set-Cookie", "a=1").responseHeader("set-cookie", "b=2").build();
    assertThat(read("response.headers.set-cookie", e)).isEqualTo("a=1");
  }

  @Test
  void bodiesAsStored() {
    HttpEvent e = http().build();
    assertThat(read("request.body", e)).isEqualTo("{\"sku\":\"A1\",\"qty\":2}");
    assertThat(read("response.body", e)).isEqualTo("{\"items\":[{\"price\":12.5,\"name\":\"Shoe\"}],\"total\":3}");
    assertThat(read("response.body", http().responseBody(Body.omitted(2048, "body not kept for mime type image/png"))
        .build())).isNull();
    assertThat(read("response.body", http().responseBody(Body.base64("AAECAw==", 4, false)).build()))
        .as("binary bodies in base64, as in the event JSON").isEqualTo("AAECAw==");
    assertThat(read("request.body", http().requestBody(null).build())).isNull();
  }

  @Test
  void valuesInsideJsonBodies() {
    HttpEvent e = http().build();
    assertThat(read("request.json.sku", e)).isEqualTo("A1");
    assertThat(read("request.json.qty", e)).isEqualTo(2L);
    assertThat(read("response.json.items[0].price", e)).isEqualTo(12.5);
    assertThat(read("response.json.items[0].name", e)).isEqualTo("Shoe");
    assertThat(read("response.json.total", e)).isEqualTo(3L);
    assertThat(read("response.json.items[1].price", e)).isNull();
    assertThat(read("response.json.items.price", e)).as("a key of an array").isNull();
    assertThat(read("response.json.total[0]", e)).as("an index of a number").isNull();
    assertThat(read("response.json.items[0]", e)).isInstanceOfSatisfying(JsonNode.class,
        n -> assertThat(n.toString()).isEqualTo("{\"price\":12.5,\"name\":\"Shoe\"}"));
    assertThat(read("response.json", e)).isInstanceOf(JsonNode.class);

    HttpEvent typed = http().responseJson("""
        [{"id": "x", "ok": true, "none": null, "big": 123456789012345678901234567890, "neg": -4}]""").build();
    assertThat(read("response.json[0].id", typed)).isEqualTo("x");
    assertThat(read("response.json[0].ok", typed)).isEqualTo(true);
    assertThat(read("response.json[0].none", typed)).as("JSON null counts as missing").isNull();
    assertThat(read("response.json[0].big", typed)).isEqualTo(1.2345678901234568E29);
    assertThat(read("response.json[0].neg", typed)).isEqualTo(-4L);
  }

  @Test
  void bodiesThatAreNotWholeJsonHaveNoJsonFields() {
    assertThat(read("response.json", http().responseJson("<html>{}</html>").build())).isNull();
    assertThat(read("response.json", http().responseJson("{\"a\": ").build())).isNull();
    assertThat(read("response.json", http().responseJson("42").build())).isNull();
    assertThat(read("response.json", http().responseJson("").build())).isNull();
    assertThat(read("response.json.a", http().responseJson("  \n{\"a\": 1}").build())).isEqualTo(1L);
    assertThat(read("response.json.a", http().responseBody(Body.text("{\"a\": 1, \"b\": \"xxxx", 4000, true)).build()))
        .as("truncated").isNull();
    assertThat(read("response.json", http().responseBody(Body.base64("e30=", 2, false)).build())).isNull();
    assertThat(read("response.json", http().status(null).build())).isNull();
  }

  @Test
  void eachJsonTextIsReadOncePerEventForAllStreams() {
    List<StreamRule> rules = new ArrayList<>();
    String[] paths = {"response.json.items[0].price", "response.json.items[0].name", "response.json.total",
        "response.json.items", "response.json.missing", "request.json.sku", "request.json.qty"};
    for (int i = 0; i < 60; i++) {
      rules.add(TestEvents.ruleWith("s" + i,
          "{\"field\": \"" + paths[i % paths.length] + "\", \"operator\": \"exists\"}"));
    }
    Router router = new Router(rules);
    EventView view = router.view(http().build());
    assertThat(router.route(view)).as("all but the 8 rules on response.json.missing").hasSize(52);
    assertThat(view.jsonReads()).as("request and response, once each").isEqualTo(2);

    EventView frame = router.view(wsFrame(Direction.SENT, "{\"a\":1}"));
    router.route(frame);
    assertThat(frame.jsonReads()).as("no rule reads frames").isZero();
  }

  @Test
  void jsonPlansReadManyPathsInOnePass() {
    JsonPlan plan = new JsonPlan(List.of(JsonPath.parse(".a"), JsonPath.parse(".b[1].c"), JsonPath.parse(".b"),
        JsonPath.parse(".b[0]"), JsonPath.parse(""), JsonPath.parse(".z")));
    Object[] values = plan.read("{\"a\": \"x\", \"b\": [{\"c\": 1}, {\"c\": 2.5}], \"z\": null}");
    assertThat(values[plan.id(JsonPath.parse(".a"))]).isEqualTo("x");
    assertThat(values[plan.id(JsonPath.parse(".b[1].c"))]).isEqualTo(2.5);
    assertThat(values[plan.id(JsonPath.parse(".b"))].toString()).isEqualTo("[{\"c\":1},{\"c\":2.5}]");
    assertThat(values[plan.id(JsonPath.parse(".b[0]"))].toString()).isEqualTo("{\"c\":1}");
    assertThat(values[plan.id(JsonPath.parse(""))]).isInstanceOf(JsonNode.class);
    assertThat(values[plan.id(JsonPath.parse(".z"))]).isNull();
    assertThat(plan.id(JsonPath.parse(".nope"))).isEqualTo(-1);
  }

  @Test
  void textsThatEndEarlyStopTheReading() {
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertThat(read("data.json[5]", sse("m", "[1, 2"))).isNull();
      assertThat(read("data.json[1]", sse("m", "[1, 2"))).isEqualTo(2L);
      assertThat(read("data.json.a.b", sse("m", "{\"a\": {\"c\": 1"))).isNull();
      assertThat(read("data.json.a.c", sse("m", "{\"a\": {\"c\": 1"))).isEqualTo(1L);
    });
  }

  @Test
  void aKeyThatAppearsTwiceGivesItsFirstValue() {
    assertThat(read("response.json.a", http().responseJson("{\"a\": 1, \"a\": 2}").build())).isEqualTo(1L);
  }

  @Test
  void valuesBeforeAMalformedPartStand() {
    HttpEvent broken = http().responseJson("{\"a\": 1, \"b\": [1, 2 \"c\": 3}").build();
    assertThat(read("response.json.a", broken)).isEqualTo(1L);
    assertThat(read("response.json.c", broken)).isNull();
    assertThat(read("response.json", broken)).as("the whole document is not JSON").isNull();
  }

  @Test
  void webSocketFrames() {
    CaptureEvent e = wsFrame(Direction.RECEIVED, "{\"type\":\"trade\",\"price\":10.5,\"tags\":[\"a\",\"b\"]}");
    assertThat(read("direction", e)).isEqualTo("received");
    assertThat(read("direction", wsFrame(Direction.SENT, "x"))).isEqualTo("sent");
    assertThat(read("opcode", e)).isEqualTo("text");
    assertThat(read("payload", e)).isEqualTo("{\"type\":\"trade\",\"price\":10.5,\"tags\":[\"a\",\"b\"]}");
    assertThat(read("payload.json.type", e)).isEqualTo("trade");
    assertThat(read("payload.json.price", e)).isEqualTo(10.5);
    assertThat(read("payload.json.tags[1]", e)).isEqualTo("b");
    assertThat(read("size", e)).isEqualTo(46L);
    assertThat(read("connection_id", e)).isEqualTo("1234.56");

    CaptureEvent binary = TestEvents.wsBinary("AAECAw==", 4);
    assertThat(read("opcode", binary)).isEqualTo("binary");
    assertThat(read("payload", binary)).isEqualTo("AAECAw==");
    assertThat(read("payload.json", binary)).isNull();
    assertThat(read("size", binary)).isEqualTo(4L);
  }

  @Test
  void serverSentEvents() {
    CaptureEvent e = sse("update", "{\"headline\":\"Märkte\"}");
    assertThat(read("event", e)).isEqualTo("update");
    assertThat(read("data", e)).isEqualTo("{\"headline\":\"Märkte\"}");
    assertThat(read("data.json.headline", e)).isEqualTo("Märkte");
    assertThat(read("size", e)).as("UTF-8 bytes").isEqualTo(22L);
    assertThat(read("size", sse("m", "abc"))).isEqualTo(3L);
    assertThat(read("data.json", sse("m", "plain text"))).isNull();
  }

  @Test
  void sourceAndTab() {
    CaptureEvent e = http().build();
    assertThat(read("tab_id", e)).isEqualTo("TAB1");
    assertThat(read("source.tab_id", e)).isEqualTo("TAB1");
    assertThat(read("source.frame_id", e)).isEqualTo("FRAME1");
    assertThat(read("source.target_type", e)).isEqualTo("page");
    assertThat(read("source.document_url", e)).isEqualTo("https://shop.example/");
    assertThat(read("source.document_url", http().source(null).build())).isNull();
    assertThat(read("source.node", e)).isEqualTo("eu-1");
    assertThat(read("source.imported_from", e)).isEqualTo("/data/shop.har");
    assertThat(read("tab_id", TestEvents.gap())).isNull();
  }

  @Test
  void connectionsAndErrors() {
    assertThat(read("connection_id", TestEvents.wsOpen())).isEqualTo("1234.56");
    assertThat(read("connection_id", TestEvents.wsClose())).isEqualTo("1234.56");
    assertThat(read("connection_id", TestEvents.wsError())).isEqualTo("1234.77");
    assertThat(read("message", TestEvents.wsError())).isEqualTo("Could not decode a text frame as UTF-8.");
    assertThat(read("message", TestEvents.captureError())).isEqualTo("Chromium exited unexpectedly (exit code 1)");
    assertThat(read("error.kind", TestEvents.captureError())).isEqualTo("browser_exited");
  }

  /** Which event types have each field, on events with every part filled in. */
  static List<Map.Entry<String, Set<String>>> applicability() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    Set<String> browser = Set.of("http", "ws_open", "ws_frame", "ws_close", "ws_error", "sse");
    m.put("type", Set.of("http", "ws_open", "ws_frame", "ws_close", "ws_error", "sse", "capture_gap", "capture_error"));
    m.put("url", Set.of("http", "ws_open", "ws_frame", "ws_close", "sse")); // the ws_error sample has an empty URL
    m.put("host", Set.of("http", "ws_open", "ws_frame", "ws_close", "sse"));
    m.put("path", Set.of("http", "ws_open", "ws_frame", "ws_close", "sse"));
    m.put("query.id", Set.of("http"));
    m.put("method", Set.of("http"));
    m.put("status", Set.of("http", "ws_open"));
    m.put("mime_type", Set.of("http"));
    m.put("resource_type", Set.of("http"));
    m.put("request.headers.sec-websocket-version", Set.of("ws_open"));
    m.put("request.headers.content-type", Set.of("http"));
    m.put("response.headers.upgrade", Set.of("ws_open"));
    m.put("response.headers.etag", Set.of("http"));
    m.put("request.body", Set.of("http"));
    m.put("response.body", Set.of("http"));
    m.put("request.json.sku", Set.of("http"));
    m.put("response.json.total", Set.of("http"));
    m.put("direction", Set.of("ws_frame"));
    m.put("opcode", Set.of("ws_frame"));
    m.put("payload", Set.of("ws_frame"));
    m.put("payload.json.price", Set.of("ws_frame"));
    m.put("event", Set.of("sse"));
    m.put("data", Set.of("sse"));
    m.put("data.json.headline", Set.of("sse"));
    m.put("connection_id", Set.of("ws_open", "ws_frame", "ws_close", "ws_error"));
    m.put("tab_id", browser);
    m.put("source.tab_id", browser);
    m.put("source.frame_id", browser);
    m.put("source.target_type", browser);
    m.put("source.document_url", browser);
    m.put("source.node", Set.of("http", "ws_open", "ws_frame", "ws_close", "ws_error", "sse", "capture_gap",
        "capture_error"));
    m.put("source.imported_from", browser);
    m.put("duration_ms", Set.of("http"));
    m.put("size", Set.of("http", "ws_frame", "sse"));
    m.put("error.kind", Set.of("capture_error"));
    m.put("message", Set.of("ws_error", "capture_error"));
    return List.copyOf(m.entrySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("applicability")
  void everyFieldHasAValueExactlyWhereItApplies(Map.Entry<String, Set<String>> expected) {
    Set<String> types = new TreeSet<>();
    for (CaptureEvent e : TestEvents.oneOfEach()) {
      if (read(expected.getKey(), e) != null) {
        types.add(e.type());
      }
    }
    assertThat(types).containsExactlyInAnyOrderElementsOf(expected.getValue());
  }

  @Test
  void everyFamilyIsCoveredByTheApplicabilityTable() {
    Set<String> families = new TreeSet<>();
    for (Map.Entry<String, Set<String>> e : applicability()) {
      String name = e.getKey();
      families.add(name.startsWith("query.") ? "query.<name>"
          : name.matches("(request|response)\\.headers\\..*") ? name.replaceAll("headers\\..*", "headers.<name>")
          : name.matches("(request|response|payload|data)\\.json\\..*") ? name.replaceAll("json\\..*", "json.<path>")
          : name);
    }
    assertThat(families).containsExactlyInAnyOrderElementsOf(FieldCatalog.FAMILIES);
  }

  @Test
  void readersNeverRunForTypesAFieldDoesNotApplyTo() {
    for (String family : FieldCatalog.FAMILIES) {
      Field field = FieldCatalog.field(family.replace("<name>", "x").replace(".<path>", ".x"));
      for (CaptureEvent e : TestEvents.oneOfEach()) {
        EventKind kind = EventKind.of(e);
        if (!field.appliesTo(kind)) {
          assertThat(field.read(new EventView(e))).as(family + " on " + kind).isNull();
        }
      }
    }
  }

  private static Object read(String field, CaptureEvent event) {
    return FieldCatalog.field(field).read(new EventView(event));
  }
}
