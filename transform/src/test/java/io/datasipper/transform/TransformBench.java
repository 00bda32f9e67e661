package io.datasipper.transform;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Throughput of a JavaScript transform through DataSipper ({@link JsTransform#apply}: event view in,
 * checked JSON tree out, sandbox and limits on) against the bare GraalJS floor: the same function
 * called on JS objects built before timing, result ignored. Both run warm in one JVM, alternating.
 *
 * <p>Run, from the repository root (the compiler jars make GraalJS optimize; without the first
 * three options it runs interpreted and says so):
 *
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -pl transform -am install -DskipTests
 * $JAVA_HOME/bin/java -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI \
 *   --upgrade-module-path=transform/target/compiler \
 *   --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
 *   -cp transform/target/test-classes:transform/target/classes:$(cat transform/target/classpath.txt) \
 *   io.datasipper.transform.TransformBench [events per round, default 1000000]
 * </pre>
 */
public final class TransformBench {
  static final String EXAMPLE = "function transform(e){ const m = e.url.match(/\\/api\\/(\\w+)/);"
      + " return m ? {kind: m?.[1], status: e.response?.status, at: e.timestamp} : null; }";
  static final int DISTINCT = 100_000; // cycled: 1M distinct JS objects for the bare loop would need GBs
  static final int WARM_ROUNDS = 12;
  static final int MEASURED_ROUNDS = 9;

  public static void main(String[] args) throws Exception {
    int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    List<CaptureEvent> events = new ArrayList<>(DISTINCT);
    for (int i = 0; i < DISTINCT; i++) {
      events.add(TestEvents.http(i));
    }
    try (JsTransforms transforms = new JsTransforms();
        JsTransform ours = transforms.compile("bench", EXAMPLE, Limits.DEFAULT);
        Context bare = Context.newBuilder("js").engine(transforms.engine()).allowHostAccess(HostAccess.NONE).build()) {
      bare.eval("js", EXAMPLE);
      Value fn = bare.getBindings("js").getMember("transform");
      Value parse = bare.eval("js", "JSON.parse");
      Value[] prebuilt = events.stream().map(e -> parse.execute(EventJson.write(e))).toArray(Value[]::new);

      double[] oursRate = new double[MEASURED_ROUNDS];
      double[] bareRate = new double[MEASURED_ROUNDS];
      double[] ratio = new double[MEASURED_ROUNDS];
      long emitted = 0;
      long failed = 0;
      for (int round = 0; round < WARM_ROUNDS + MEASURED_ROUNDS; round++) {
        // Alternate which loop goes first, so neither always runs right after the other's garbage.
        double o = 0;
        double b = 0;
        for (int leg = 0; leg < 2; leg++) {
          long t0 = System.nanoTime();
          if ((leg + round) % 2 == 0) {
            for (int i = 0; i < perRound; i++) {
              TransformResult res = ours.apply(events.get(i % DISTINCT));
              if (res instanceof TransformResult.Emit) {
                emitted++;
              } else if (res instanceof TransformResult.Failed f && failed++ < 3) {
                System.out.printf("event %d failed: %s%n", i, f.error());
              }
            }
            o = perRound / ((System.nanoTime() - t0) / 1e9);
          } else {
            for (int i = 0; i < perRound; i++) {
              if (!fn.execute(prebuilt[i % DISTINCT]).isNull()) {
                emitted--;
              }
            }
            b = perRound / ((System.nanoTime() - t0) / 1e9);
          }
        }
        System.out.printf("%s round %2d: datasipper %,10.0f ev/s   bare %,10.0f ev/s   ratio %3.0f%%%n",
            round < WARM_ROUNDS ? "warm-up " : "measured", round + 1, o, b, 100 * o / b);
        if (round >= WARM_ROUNDS) {
          oursRate[round - WARM_ROUNDS] = o;
          bareRate[round - WARM_ROUNDS] = b;
          ratio[round - WARM_ROUNDS] = o / b;
        }
      }
      if (emitted != 0) { // a failed event would show here: the timeout is CPU time, but a GC pause counts
        System.out.printf("warning: the loops disagree on how many events were emitted (%d)%n", emitted);
      }
      double o = median(oursRate);
      double b = median(bareRate);
      double r = median(ratio);
      System.out.printf("%nruntime: %s (%s, JDK %s)%n", transforms.runtimeName(),
          transforms.engine().getImplementationName(), Runtime.version());
      System.out.printf("events: %,d per round (%,d distinct http events, cycled), %d warm-up + %d measured rounds%n",
          perRound, DISTINCT, WARM_ROUNDS, MEASURED_ROUNDS);
      System.out.printf("datasipper (JsTransform.apply): %,.0f events/s (median)%n", o);
      System.out.printf("bare GraalJS (fn.execute):      %,.0f events/s (median)%n", b);
      System.out.printf("ratio: %.0f%% of bare (median of the rounds' ratios; target >= 50%%)%n", 100 * r);
    }
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
