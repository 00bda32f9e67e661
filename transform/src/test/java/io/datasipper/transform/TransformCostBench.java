package io.datasipper.transform;

import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.api.json.IsoInstants;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Where {@link TransformBench}'s gap between a transform and the bare loop goes: the example run in
 * steps between the two, each timed in turn over the same distinct events, in nanoseconds an event.
 * From the bare loop up: our result path added (the runner's JSON, then its text read in Java), the
 * same in a sandboxed context like ours, and over objects whose strings came from Java, as the
 * view's do; and from ours down: the result kept but not written as JSON, the runner called
 * without {@link JsTransform#apply}'s guards around it (the watchdog's and the heap watch's part),
 * the same with the result's strings not checked for characters to escape, the three properties
 * the script reads handed in with the call instead of read through the event's view (what a
 * transform told its properties in advance would cost at best), or every scalar of the event
 * handed in.
 *
 * <p>Run as {@link TransformBench}, with {@code io.datasipper.transform.TransformCostBench [events per
 * round, default 500000] [distinct events, default 100000]}.
 */
public final class TransformCostBench {
  private static final int WARM_ROUNDS = 10;
  private static final int MEASURED_ROUNDS = 10;
  private static final String CALL = "const r = transform(event);";
  private static final String HAND_THREE = "function handThree(url, status, at) {"
      + " return transform({url: url, response: {status: status}, timestamp: at}); }";
  private static final String HAND_ALL = "function handAll(id, seq, at, end, url, method, status, statusText, mime,"
      + " protocol, resourceType) { return transform({type: 'http', id: id, seq: seq, timestamp: at, ended_at: end,"
      + " url: url, method: method, response: {status: status, status_text: statusText, mime_type: mime,"
      + " protocol: protocol}, resource_type: resourceType}); }";

  /** The properties the example reads, in an object built in the script from values handed in. */
  private static final String BUILD_THREE = "function buildThree(url, status, at) {"
      + " return {url: url, response: {status: status}, timestamp: at}; }";

  /**
   * One way of running the example over event {@code i}: 1 when it emitted a record (or, with the
   * result not written, when the script ran), so that a round that counts none shows a broken step.
   */
  @FunctionalInterface
  private interface Step {
    int run(int i);
  }

  private record Variant(String name, Step step) {}

  public static void main(String[] args) throws Exception {
    int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    int distinct = args.length > 1 ? Integer.parseInt(args[1]) : TransformBench.DISTINCT;
    if (perRound < 1 || distinct < 1) {
      throw new IllegalArgumentException("events per round and distinct events must be at least 1: " + String.join(" ", args));
    }
    List<HttpEvent> events = new ArrayList<>(distinct);
    for (int i = 0; i < distinct; i++) {
      events.add(TestEvents.http(i));
    }
    int maxNodes = Limits.DEFAULT.maxOutputNodes();
    try (JsTransforms transforms = new JsTransforms();
        JsTransform ours = transforms.compile("bench", TransformBench.EXAMPLE, Limits.DEFAULT);
        Context bare = Context.newBuilder("js").engine(transforms.engine()).allowHostAccess(HostAccess.NONE).build();
        // A context of its own for each way: one function called with different kinds of event would
        // be compiled for all of them, and slower with each.
        Context prebuiltSandboxed = sandboxed(transforms, "prebuilt", TransformBench.EXAMPLE);
        Context javaStringsSandboxed = sandboxed(transforms, "java-strings", TransformBench.EXAMPLE + "\n" + BUILD_THREE);
        Context viewSandboxed = sandboxed(transforms, "view", TransformBench.EXAMPLE);
        Context unguardedSandboxed = sandboxed(transforms, "unguarded", TransformBench.EXAMPLE);
        Context uncheckedSandboxed = sandboxed(transforms, "unchecked", TransformBench.EXAMPLE);
        Context threeSandboxed = sandboxed(transforms, "three", TransformBench.EXAMPLE + "\n" + HAND_THREE);
        Context allSandboxed = sandboxed(transforms, "all", TransformBench.EXAMPLE + "\n" + HAND_ALL)) {
      bare.eval("js", TransformBench.EXAMPLE);
      Value fn = bare.getBindings("js").getMember("transform");
      Value parse = bare.eval("js", "JSON.parse");
      Value[] prebuilt = events.stream().map(e -> parse.execute(EventJson.write(e))).toArray(Value[]::new);
      Value bareThenJson = Results.runner(bare, fn, maxNodes);
      Value sandboxedParse = prebuiltSandboxed.eval("js", "JSON.parse");
      Value[] prebuiltInSandbox = events.stream().map(e -> sandboxedParse.execute(EventJson.write(e))).toArray(Value[]::new);
      Value sandboxedThenJson = Results.runner(prebuiltSandboxed, prebuiltSandboxed.eval("js", "transform"), maxNodes);
      Value buildThree = javaStringsSandboxed.eval("js", "buildThree");
      Value[] builtFromJava = events.stream().map(e -> buildThree.execute(e.url(), e.response().status(),
          IsoInstants.format(e.startedAt()))).toArray(Value[]::new);
      Value javaStringsThenJson = Results.runner(javaStringsSandboxed, javaStringsSandboxed.eval("js", "transform"), maxNodes);
      // The result is kept in a global, so that the compiler cannot skip building it.
      Value noJson = runner(viewSandboxed, CALL, CALL + " globalThis.kept = r; return null;")
          .execute(viewSandboxed.eval("js", "transform"), maxNodes);
      Value unguarded = Results.runner(unguardedSandboxed, unguardedSandboxed.eval("js", "transform"), maxNodes);
      // Wrong for strings that need escaping, which the example's results never hold.
      Value unchecked = runner(uncheckedSandboxed, "return ESCAPE.test(s) ? stringify(s) : '\"' + s + '\"';",
          "return '\"' + s + '\"';").execute(uncheckedSandboxed.eval("js", "transform"), maxNodes);
      String elevenArguments = "a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10";
      String passThemOn = "const r = transform(" + elevenArguments + ");";
      String[] elevenParameters = {"function run(event) {", "function run(" + elevenArguments + ") {", CALL, passThemOn};
      Value handThree = runner(threeSandboxed, elevenParameters).execute(threeSandboxed.eval("js", "handThree"), maxNodes);
      Value handAll = runner(allSandboxed, elevenParameters).execute(allSandboxed.eval("js", "handAll"), maxNodes);
      Results results = new Results(maxNodes);

      List<Variant> variants = List.of(
          new Variant("bare loop", i -> fn.execute(prebuilt[i]).isNull() ? 0 : 1),
          new Variant("bare + runner's JSON, text left in the script", i -> bareThenJson.execute(prebuilt[i]).isString() ? 1 : 0),
          new Variant("bare + runner's JSON, text read in Java", i -> emitted(results.read(bareThenJson.execute(prebuilt[i])))),
          new Variant("the same in a sandboxed context",
              i -> emitted(results, prebuiltSandboxed, sandboxedThenJson, prebuiltInSandbox[i])),
          new Variant("the same, the objects' strings from Java",
              i -> emitted(results, javaStringsSandboxed, javaStringsThenJson, builtFromJava[i])),
          new Variant("ours, the result not written as JSON", i -> {
            viewSandboxed.resetLimits();
            return noJson.execute(new RecordView(events.get(i))).isNull() ? 1 : 0;
          }),
          new Variant("ours without apply's guards",
              i -> emitted(results, unguardedSandboxed, unguarded, new RecordView(events.get(i)))),
          new Variant("the same, strings not checked for escapes",
              i -> emitted(results, uncheckedSandboxed, unchecked, new RecordView(events.get(i)))),
          new Variant("ours (JsTransform.apply)", i -> emitted(ours.apply(events.get(i)))),
          new Variant("ours, the three read properties handed in", i -> {
            HttpEvent e = events.get(i);
            return emitted(results, threeSandboxed, handThree, e.url(), e.response().status(), IsoInstants.format(e.startedAt()));
          }),
          new Variant("ours, every scalar handed in", i -> {
            HttpEvent e = events.get(i);
            HttpEvent.HttpResponse r = e.response();
            return emitted(results, allSandboxed, handAll, e.id(), e.seq(), IsoInstants.format(e.startedAt()),
                IsoInstants.format(e.endedAt()), e.url(), e.method(), r.status(), r.statusText(), r.mimeType(),
                r.protocol(), e.resourceType());
          }));

      double[][] ns = new double[variants.size()][MEASURED_ROUNDS];
      for (int round = 0; round < WARM_ROUNDS + MEASURED_ROUNDS; round++) {
        for (int leg = 0; leg < variants.size(); leg++) { // each round starts one variant further along
          int v = (leg + round) % variants.size();
          Step step = variants.get(v).step();
          long emitted = 0;
          long t0 = System.nanoTime();
          for (int i = 0; i < perRound; i++) {
            emitted += step.run(i % distinct);
          }
          double perEvent = (System.nanoTime() - t0) / (double) perRound;
          if (emitted == 0) {
            throw new IllegalStateException(variants.get(v).name() + " emitted nothing");
          }
          if (round >= WARM_ROUNDS) {
            ns[v][round - WARM_ROUNDS] = perEvent;
          }
        }
        System.out.printf("%s round %2d done%n", round < WARM_ROUNDS ? "warm-up " : "measured", round + 1);
      }
      System.out.printf("%nruntime: %s; %,d events per round over %,d distinct http events, %d warm-up + %d measured rounds%n",
          transforms.runtimeName(), perRound, distinct, WARM_ROUNDS, MEASURED_ROUNDS);
      for (int v = 0; v < variants.size(); v++) {
        System.out.printf("%-50s %6.0f ns an event (median; rounds %.0f-%.0f)%n", variants.get(v).name(),
            TransformBench.median(ns[v]), Arrays.stream(ns[v]).min().orElseThrow(), Arrays.stream(ns[v]).max().orElseThrow());
      }
    }
  }

  /** A context as a transform gets, with {@code script} run in it. */
  private static Context sandboxed(JsTransforms transforms, String name, String script) {
    Context c = Sandbox.newContext(transforms.engine(), name, Limits.DEFAULT);
    c.eval(Source.newBuilder("js", script, name + ".js").buildLiteral());
    return c;
  }

  private static int emitted(TransformResult r) {
    return r instanceof TransformResult.Emit ? 1 : 0;
  }

  /** Runs {@code run} in a sandboxed {@code context} as {@link JsTransform#apply} does, its limits reset first. */
  private static int emitted(Results results, Context context, Value run, Object... arguments) {
    context.resetLimits();
    return emitted(results.read(run.execute(arguments)));
  }

  /** {@link Results#RUNNER} with each of {@code replaced}'s pairs of texts, what it says and what instead, replaced. */
  private static Value runner(Context context, String... replaced) {
    String runner = Results.RUNNER.getCharacters().toString();
    for (int i = 0; i < replaced.length; i += 2) {
      if (!runner.contains(replaced[i])) {
        throw new IllegalStateException("the runner no longer says " + replaced[i] + ": update this bench");
      }
      runner = runner.replace(replaced[i], replaced[i + 1]);
    }
    return context.eval(Source.newBuilder("js", runner, "steps-runner.js").internal(true).buildLiteral());
  }
}
