package io.datasipper.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.HttpEvent;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scripts that try to leave the sandbox or take the pipeline down; a normal event must work right after. */
class SandboxTest {
  static JsTransforms transforms;
  static final HttpEvent HTTP = TestEvents.http(1);
  /** The defaults, with the warm-up grace for the first (normal) event only: attacks get 50 ms. */
  static final Limits STRICT = Limits.DEFAULT.withWarmUpEvents(1);

  @BeforeAll
  static void engine() {
    transforms = new JsTransforms();
  }

  @AfterAll
  static void close() {
    transforms.close();
  }

  /**
   * Runs {@code attack} on an event with seq 2, after a normal one (the first event after loading
   * gets a longer, cold-start budget), then checks the same transform still works.
   */
  static String attack(String attack, Limits limits) throws Exception {
    try (JsTransform t = transforms.compile("attack", """
        function transform(e) {
          if (e.seq === 2) {
            %s
          }
          return {url: e.url, seq: e.seq};
        }""".formatted(attack), limits)) {
      assertThat(t.apply(TestEvents.http(0))).isInstanceOf(TransformResult.Emit.class);
      long start = System.nanoTime();
      TransformResult r = t.apply(HTTP);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(r).as("%s", attack).isInstanceOf(TransformResult.Failed.class);
      assertThat(millis).as("stopped in time").isLessThan(limits.timeout().toMillis() + 2_000);
      TransformResult next = t.apply(TestEvents.http(7));
      assertThat(next).as("normal event after %s", attack).isInstanceOf(TransformResult.Emit.class);
      assertThat(((TransformResult.Emit) next).events().getFirst().get("seq").asInt()).isEqualTo(8);
      String error = ((TransformResult.Failed) r).error();
      System.out.printf("%-90s -> %d ms: %s%n", attack, millis, error); // the report reads these
      return error;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Java.type('java.lang.Runtime').getRuntime().exec('touch /tmp/pwned');",
      "load('x.js');",
      "require('fs').readFileSync('/etc/passwd');",
      "process.exit(1);",
      "quit();",
      "exit(1);",
      "print('x');",
      "Polyglot.eval('js', '1');",
      "Packages.java.lang.System.exit(1);",
      "java.lang.System.exit(1);",
      "Graal.versionJS;",
      "new Worker('data:,1');",
      "setTimeout(function again() { setTimeout(again, 0); }, 0);",
      "setInterval(() => 1, 1);",
      "readline();",
      "eval(\"Java.type('java.io.File')\");",
      "(function(){}).constructor('return process')().exit();",
  })
  void hostAndEnvironmentAreNotThere(String code) throws Exception {
    assertThat(attack(code, STRICT)).contains("ReferenceError").contains("is not defined");
  }

  @Test
  void eventsExposeNoHostMethods() throws Exception {
    String error = attack("e.getClass().forName('java.lang.Runtime');", Limits.DEFAULT);
    assertThat(error).contains("TypeError");
    error = attack("e.record.getClass();", Limits.DEFAULT);
    assertThat(error).contains("TypeError");
  }

  @Test
  void dynamicImportIsRefusedAndStaticImportIsASyntaxError() throws Exception {
    try (JsTransform t = transforms.compile("imports", """
        let state = 'pending';
        import('fs').then(() => { state = 'loaded'; }, err => { state = 'refused: ' + err.message; });
        function transform(e) { return {state}; }""", Limits.DEFAULT)) {
      assertThat(((TransformResult.Emit) t.apply(HTTP)).events().getFirst().get("state").asText())
          .startsWith("refused: ");
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> transforms.compile("imports",
        "import fs from 'fs';\nfunction transform(e) { return e; }", Limits.DEFAULT))
        .isInstanceOf(TransformSyntaxException.class).hasMessageContaining("line 1");
  }

  @Test
  void anEndlessLoopTimesOutAndTheContextKeepsItsState() throws Exception {
    Limits limits = new Limits(Duration.ofMillis(50), Long.MAX_VALUE, 256L << 20, 64L << 20, 100_000, 1);
    try (JsTransform t = transforms.compile("loop", """
        let count = 0;
        function transform(e) {
          count++;
          if (e.seq === 2) { while (true) {} }
          return {count};
        }""", limits)) {
      t.apply(TestEvents.http(0));
      long start = System.nanoTime();
      assertThat(((TransformResult.Failed) t.apply(HTTP)).error()).isEqualTo("timed out after 50 ms");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
      assertThat(((TransformResult.Emit) t.apply(TestEvents.http(0))).events()
          .getFirst().get("count").asInt()).isEqualTo(3);
    }
  }

  @Test
  void aStatementLimitStopsRunawayCode() throws Exception {
    assertThat(attack("let i = 0; for (;;) { i++; }", STRICT.withTimeout(Duration.ofSeconds(30))))
        .isEqualTo("ran more than 1000000 statements");
  }

  @Test
  void infiniteRecursionIsAnError() throws Exception {
    assertThat(attack("const f = () => f() + 1; f();", STRICT.withTimeout(Duration.ofSeconds(5))))
        .contains("RangeError");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "new Array(1e9).fill(0);",
      "let s = 'x'; for (;;) { s += s; }",
      "let s = 'x'; for (;;) { s = s + s; s.charCodeAt(s.length - 1); }",
      "'x'.repeat(2 ** 31);",
      "const keep = []; for (;;) { keep.push(new Array(1e5).fill(1.5)); }",
      "new ArrayBuffer(2 ** 33);",
      "globalThis.hoard = (globalThis.hoard || []); for (;;) { hoard.push('y'.repeat(1e6) + Math.random()); }",
  })
  void hugeAllocationsAreStopped(String code) throws Exception {
    Runtime rt = Runtime.getRuntime();
    String error = attack(code, STRICT);
    // Whichever limit a script meets first stops it; which one depends on how fast the machine runs it.
    assertThat(error).matches("(?s).*(RangeError|timed out|allocated more than|kept more than|statements|Invalid).*");
    System.gc();
    assertThat(rt.totalMemory() - rt.freeMemory()).as("heap in use after: %s", error).isLessThan(1L << 30);
  }

  @Test
  void anAllocationLimitStopsASlowHoarder() throws Exception {
    Limits limits = new Limits(Duration.ofSeconds(20), Long.MAX_VALUE, 64L << 20, 1L << 30, 100_000, 1);
    assertThat(attack("const keep = []; for (;;) { keep.push(new Array(1e4).fill(1.5)); }", limits))
        .isEqualTo("allocated more than 64 MiB");
  }

  @Test
  void blockingOnAtomicsIsStopped() throws Exception {
    String error = attack("Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);", STRICT);
    assertThat(error).matches("(?s).*(timed out|TypeError|not allowed).*");
  }
}
