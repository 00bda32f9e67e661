package io.datasipper.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.json.EventJson;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsTransformTest {
  static JsTransforms transforms;
  static final HttpEvent HTTP = TestEvents.http(1);

  @BeforeAll
  static void engine() {
    transforms = new JsTransforms();
  }

  @AfterAll
  static void close() {
    transforms.close();
  }

  static JsTransform compile(String source) throws TransformSyntaxException {
    return transforms.compile("test", source, Limits.DEFAULT);
  }

  static final java.util.Comparator<com.fasterxml.jackson.databind.JsonNode> NUMERIC = (a, b) ->
      a.equals(b) || a.isNumber() && b.isNumber() && a.doubleValue() == b.doubleValue() ? 0 : 1;

  static List<ObjectNode> emitted(TransformResult r) {
    assertThat(r).isInstanceOf(TransformResult.Emit.class);
    return ((TransformResult.Emit) r).events();
  }

  static String error(TransformResult r) {
    assertThat(r).isInstanceOf(TransformResult.Failed.class);
    return ((TransformResult.Failed) r).error();
  }

  @Test
  void replacesTheEventWithTheReturnedObject() throws Exception {
    try (JsTransform t = compile("""
        function transform(e) {
          const m = e.url.match(/\\/api\\/(\\w+)/);
          return m ? {kind: m?.[1], status: e.response?.status, at: e.timestamp, ended: e.ended_at} : null;
        }""")) {
      assertThat(emitted(t.apply(HTTP))).singleElement().hasToString(
          "{\"kind\":\"orders\",\"status\":200,\"ended\":\"2026-03-01T10:15:02.153300Z\"}");
      assertThat(t.apply(TestEvents.http(2))).isInstanceOf(TransformResult.Drop.class); // /static/: no match
    }
  }

  @Test
  void emitsEachObjectAsCompactJsonText() throws Exception {
    try (JsTransform t = compile("""
        function transform(e) {
          const one = {a: 1.5, b: 'say "hi"\\n', c: [1, null, true], d: {e: {}}, skipped: undefined};
          return e.response.status === 200 ? one : [one, null, {status: e.response.status}];
        }""")) {
      String one = "{\"a\":1.5,\"b\":\"say \\\"hi\\\"\\n\",\"c\":[1,null,true],\"d\":{\"e\":{}}}";
      assertThat(((TransformResult.Emit) t.apply(TestEvents.http(1))).json()).containsExactly(one);
      assertThat(((TransformResult.Emit) t.apply(TestEvents.http(23))).json())
          .containsExactly(one, "{\"status\":404}");
    }
  }

  @Test
  void dropsOnNullAndEmptyArray() throws Exception {
    try (JsTransform t = compile("function transform(e) { return e.seq % 2 ? null : []; }")) {
      assertThat(t.apply(TestEvents.http(0))).isEqualTo(TransformResult.DROP);
      assertThat(t.apply(TestEvents.http(1))).isEqualTo(TransformResult.DROP);
    }
  }

  @Test
  void anArrayEmitsSeveralEventsSkippingNulls() throws Exception {
    try (JsTransform t = compile("""
        function transform(e) {
          return [e, null, ...e.response.headers.map(h => ({header: h.name}))];
        }""")) {
      List<ObjectNode> out = emitted(t.apply(HTTP));
      assertThat(out).hasSize(6);
      assertThat(out.get(0)).hasToString(EventJson.write(HTTP));
      assertThat(out.get(1)).hasToString("{\"header\":\"Content-Type\"}");
    }
  }

  @Test
  void theScriptSeesExactlyTheDocumentedJsonForm() throws Exception {
    try (JsTransform t = compile("function transform(e) { return {json: JSON.stringify(e), keys: Object.keys(e)}; }")) {
      for (CaptureEvent e : TestEvents.oneOfEach()) {
        ObjectNode out = emitted(t.apply(e)).getFirst();
        // JS writes -1.0 as -1: the same number, so compare values, not text.
        assertThat(EventJson.mapper().readTree(out.get("json").asText()).equals(NUMERIC,
            EventJson.mapper().readTree(EventJson.write(e)))).as("%s", out).isTrue();
        assertThat(out.get("keys").toString()).startsWith("[\"type\"");
      }
    }
  }

  @Test
  void returningTheEventGivesItsJsonTree() throws Exception {
    try (JsTransform t = compile("function transform(e) { e.response?.status; return e; }")) {
      for (CaptureEvent e : TestEvents.oneOfEach()) {
        assertThat(emitted(t.apply(e))).singleElement().hasToString(EventJson.write(e));
      }
    }
  }

  @Test
  void editsApplyToTheOutputAndNeverToTheSharedEvent() throws Exception {
    String before = EventJson.write(HTTP);
    try (JsTransform t = compile("""
        function transform(e) {
          e.tag = 'seen';
          delete e.response.body;
          e.response.status = 299;
          e.request.headers.push({name: 'X-Seen', value: '1'});
          e.request.headers[0].value = 'changed';
          return e;
        }""")) {
      for (int i = 0; i < 2; i++) { // the same event twice: the first run left no trace in it
        ObjectNode out = emitted(t.apply(HTTP)).getFirst();
        assertThat(out.get("tag").asText()).isEqualTo("seen");
        assertThat(out.get("response").has("body")).isFalse();
        assertThat(out.get("response").get("status").asInt()).isEqualTo(299);
        assertThat(out.get("request").get("headers")).hasSize(6);
        assertThat(out.at("/request/headers/0/value").asText()).isEqualTo("changed");
        assertThat(out.at("/request/headers/5/name").asText()).isEqualTo("X-Seen");
      }
    }
    assertThat(EventJson.write(HTTP)).isEqualTo(before);
  }

  @Test
  void aKeptReferenceCannotChangeWhatWasAlreadyEmitted() throws Exception {
    try (JsTransform t = compile("""
        let previous;
        function transform(e) {
          if (previous) { previous.url = 'changed later'; previous.response.status = 1; }
          previous = e;
          return e;
        }""")) {
      ObjectNode first = emitted(t.apply(HTTP)).getFirst();
      String firstJson = first.toString();
      t.apply(TestEvents.http(2));
      assertThat(first).hasToString(firstJson);
      assertThat(first.get("url").asText()).isEqualTo(HTTP.url());
    }
  }

  @Test
  void nestedPartsKeepTheirIdentityAndMissingFieldsAreUndefined() throws Exception {
    try (JsTransform t = compile("""
        function transform(e) {
          return {same: e.response === e.response, ts: e.timestamp === undefined, has: 'timestamp' in e,
                  error: e.error, n: e.request.headers.length, last: e.request.headers.at(-1).name};
        }""")) {
      assertThat(emitted(t.apply(HTTP)).getFirst()).hasToString(
          "{\"same\":true,\"ts\":true,\"has\":false,\"n\":5,\"last\":\"Referer\"}");
    }
  }

  @Test
  void outputIsPlainJson() throws Exception {
    try (JsTransform t = compile("""
        function transform(e) {
          return {date: new Date(Date.UTC(2026, 2, 1, 10, 0, 0)), nan: NaN, big: 2 ** 40, skip: undefined,
                  nested: [1, 'a', true, null, {x: [e.source]}]};
        }""")) {
      assertThat(emitted(t.apply(HTTP)).getFirst()).hasToString(
          "{\"date\":\"2026-03-01T10:00:00.000Z\",\"nan\":null,\"big\":1099511627776,"
              + "\"nested\":[1,\"a\",true,null,{\"x\":[{\"tab_id\":\"tab-1\",\"frame_id\":\"frame-1\","
              + "\"target_type\":\"page\",\"document_url\":\"https://shop.example.com/\"}]}]}");
    }
  }

  @Test
  void aNonObjectResultFails() throws Exception {
    try (JsTransform t = compile("function transform(e) { return 42; }")) {
      assertThat(error(t.apply(HTTP))).isEqualTo("transform returned a number; expected an object, an array or null");
    }
    try (JsTransform t = compile("function transform(e) { return 'x'; }")) {
      assertThat(error(t.apply(HTTP))).isEqualTo("transform returned a string; expected an object, an array or null");
    }
    try (JsTransform t = compile("function transform(e) { e.url; }")) {
      assertThat(error(t.apply(HTTP))).startsWith("transform returned undefined;");
    }
    try (JsTransform t = compile("function transform(e) { return [{}, 3]; }")) {
      assertThat(error(t.apply(HTTP))).isEqualTo("transform returned an array whose item 1 is a number; expected objects");
    }
    try (JsTransform t = compile("async function transform(e) { return e; }")) {
      assertThat(error(t.apply(HTTP))).contains("a Promise");
    }
  }

  @Test
  void functionsSymbolsAndCyclesInTheResultFail() throws Exception {
    try (JsTransform t = compile("function transform(e) { return {a: {f: () => 1}}; }")) {
      assertThat(error(t.apply(HTTP))).startsWith("transform returned a function at .a.f;");
    }
    try (JsTransform t = compile("function transform(e) { return [{a: [1, Symbol('s')]}]; }")) {
      assertThat(error(t.apply(HTTP))).startsWith("transform returned a symbol at [0].a[1];");
    }
    try (JsTransform t = compile("function transform(e) { e.fn = function() {}; return e; }")) {
      assertThat(error(t.apply(HTTP))).startsWith("transform returned a function at .fn;");
    }
    try (JsTransform t = compile("function transform(e) { const a = {}; a.self = a; return a; }")) {
      assertThat(error(t.apply(HTTP))).contains("nested deeper than 64 levels");
    }
    try (JsTransform t = compile("function transform(e) { return {a: new Array(1e6).fill(0)}; }")) {
      assertThat(error(t.apply(HTTP))).startsWith("transform returned more than 100000 JSON values;");
    }
  }

  @Test
  void aRuntimeErrorFailsThatEventOnly() throws Exception {
    try (JsTransform t = compile("""
        let count = 0;
        function transform(e) {
          count++;
          if (e.seq === 2) {
            return e.nothing.here;
          }
          return {count};
        }""")) {
      assertThat(emitted(t.apply(TestEvents.http(0))).getFirst()).hasToString("{\"count\":1}");
      assertThat(error(t.apply(TestEvents.http(1)))).contains("TypeError").contains("(line 5)");
      assertThat(emitted(t.apply(TestEvents.http(2))).getFirst()).hasToString("{\"count\":3}");
    }
  }

  @Test
  void anErrorTheScriptThrowsNamesTheLineThatThrewIt() throws Exception {
    try (JsTransform t = compile("""
        function check(e) {
          if (e.seq === 1) {
            throw new Error("not one");
          }
        }
        function transform(e) {
          check(e);
          return {seq: e.seq};
        }""")) {
      assertThat(error(t.apply(TestEvents.http(0)))).isEqualTo("Error: not one (line 3)");
      assertThat(emitted(t.apply(TestEvents.http(1))).getFirst()).hasToString("{\"seq\":2}");
    }
  }

  @Test
  void aSyntaxErrorIsRejectedWithLineAndColumn() {
    assertThatThrownBy(() -> transforms.compile("orders", """
        function transform(e) {
          return {url: e.url +};
        }""", Limits.DEFAULT))
        .isInstanceOfSatisfying(TransformSyntaxException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.column()).isEqualTo(23);
          assertThat(e.stream()).isEqualTo("orders");
          assertThat(e.getMessage()).startsWith("stream 'orders': line 2, column 23: syntax error: ");
        });
  }

  @Test
  void aScriptWithoutTransformOrFailingAtTheTopIsRejected() {
    assertThatThrownBy(() -> compile("function transfrom(e) { return e; }"))
        .hasMessage("stream 'test': the script defines no function transform(event)");
    assertThatThrownBy(() -> compile("const x = null.y;\nfunction transform(e) { return e; }"))
        .hasMessageContaining("line 1, column 11: the script failed while loading: TypeError");
    assertThatThrownBy(() -> compile("while (true) {}\nfunction transform(e) { return e; }"))
        .hasMessageContaining("the script's top level");
  }

  @Test
  void arrowFunctionsAndClassesWork() throws Exception {
    try (JsTransform t = compile("""
        class Counter { n = 0; next() { return ++this.n; } }
        const c = new Counter();
        const transform = (e) => ({n: c.next(), method: e.method});""")) {
      t.apply(HTTP);
      assertThat(emitted(t.apply(HTTP)).getFirst()).hasToString("{\"n\":2,\"method\":\"GET\"}");
    }
  }

  @Test
  void reportsTheActiveRuntime() {
    assertThat(transforms.runtimeName()).isIn("GraalJS optimizing runtime", "GraalJS interpreter");
    if (Runtime.version().feature() >= 25 && System.getProperty("jdk.module.upgrade.path") != null) {
      assertThat(transforms.optimizing()).as("the test JVM has the compiler: %s", transforms.runtimeName()).isTrue();
    }
  }
}
