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
 *   io.datasipper.transform.TransformBench [events per round, default 1000000] [distinct events, default 100000]
 * </pre>
 *
 * <p>Both loops cycle over the same number of distinct events: with fewer, the bare loop's prebuilt
 * objects stay in the processor's caches, which tells how much of its speed is memory's.
 */
public final class TransformBench {
  static final String EXAMPLE = "function transform(e){ const m = e.url.match(/\\/api\\/(\\w+)/);"
      + " return m ? {kind: m?.[1], status: e.response?.status, at: e.timestamp} : null; }";
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
  static final int DISTINCT = 100_000; // cycled: 1M distinct JS objects for the bare loop would need GBs
  static final int WARM_ROUNDS = 12;
  static final int MEASURED_ROUNDS = 9;

  public static void main(String[] args) throws Exception {
    int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int distinct = args.length > 1 ? Integer.parseInt(args[1]) : DISTINCT;
    if (perRound < 1 || distinct < 1) {
      throw new IllegalArgumentException("events per round and distinct events must be at least 1: " + String.join(" ", args));
    }
    List<CaptureEvent> events = new ArrayList<>(distinct);
    for (int i = 0; i < distinct; i++) {
      events.add(TestEvents.http(i));
    }
    try (JsTransforms transforms = new JsTransforms();
        JsTransform ours = transforms.compile("bench", EXAMPLE, Limits.DEFAULT);
        Context bare = Context.newBuilder("js").engine(transforms.engine()).allowHostAccess(HostAccess.NONE).build()) {
      bare.eval("js", EXAMPLE);
      Value fn = bare.getBindings("js").getMember("transform");
      Value parse = bare.eval("js", "JSON.parse");
      Value[] prebuilt = events.stream().map(e -> parse.execute(EventJson.write(e))).toArray(Value[]::new);

      // Wall-clock rates, and rates per CPU second of this thread: on a shared 2-core machine other
      // processes steal the CPU unevenly between the two loops; CPU time is immune to that (the
      // compiler and GC threads are not counted, for either loop).
      double[][] rates = new double[4][MEASURED_ROUNDS];
      long emitted = 0;
      long failed = 0;
      for (int round = 0; round < WARM_ROUNDS + MEASURED_ROUNDS; round++) {
        double[] r = new double[4]; // ours wall, bare wall, ours cpu, bare cpu
        for (int leg = 0; leg < 2; leg++) { // alternate which loop goes first
          boolean isOurs = (leg + round) % 2 == 0;
          long t0 = System.nanoTime();
          long c0 = CPU.getCurrentThreadCpuTime();
          for (int i = 0; i < perRound; i++) {
            if (isOurs) {
              TransformResult res = ours.apply(events.get(i % distinct));
              if (res instanceof TransformResult.Emit) {
                emitted++;
              } else if (res instanceof TransformResult.Failed f && failed++ < 3) {
                System.out.printf("event %d failed: %s%n", i, f.error());
              }
            } else if (!fn.execute(prebuilt[i % distinct]).isNull()) {
              emitted--;
            }
          }
          r[isOurs ? 0 : 1] = perRound / ((System.nanoTime() - t0) / 1e9);
          r[isOurs ? 2 : 3] = perRound / ((CPU.getCurrentThreadCpuTime() - c0) / 1e9);
        }
        System.out.printf("%s round %2d: datasipper %,10.0f ev/s   bare %,10.0f ev/s   ratio %3.0f%%"
            + "   | per CPU second: %,10.0f vs %,10.0f  ratio %3.0f%%%n",
            round < WARM_ROUNDS ? "warm-up " : "measured", round + 1, r[0], r[1], 100 * r[0] / r[1],
            r[2], r[3], 100 * r[2] / r[3]);
        if (round >= WARM_ROUNDS) {
          for (int k = 0; k < 4; k++) {
            rates[k][round - WARM_ROUNDS] = r[k];
          }
        }
      }
      if (emitted != 0) { // a failed event would show here: the timeout is CPU time, but a GC pause counts
        System.out.printf("warning: the loops disagree on how many events were emitted (%d)%n", emitted);
      }
      System.out.printf("%nruntime: %s (%s, JDK %s)%n", transforms.runtimeName(),
          transforms.engine().getImplementationName(), Runtime.version());
      System.out.printf("events: %,d per round (%,d distinct http events, cycled), %d warm-up + %d measured rounds%n",
          perRound, distinct, WARM_ROUNDS, MEASURED_ROUNDS);
      System.out.printf("datasipper (JsTransform.apply): %,10.0f events/s wall, %,10.0f per CPU second (medians)%n",
          median(rates[0]), median(rates[2]));
      System.out.printf("bare GraalJS (fn.execute):      %,10.0f events/s wall, %,10.0f per CPU second (medians)%n",
          median(rates[1]), median(rates[3]));
      System.out.printf("ratio: %.0f%% of bare by wall clock, %.0f%% by CPU time (median of rounds; target >= 50%%)%n",
          100 * median(ratios(rates[0], rates[1])), 100 * median(ratios(rates[2], rates[3])));
    }
  }

  private static double[] ratios(double[] a, double[] b) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i] / b[i];
    }
    return r;
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
