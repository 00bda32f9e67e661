package io.datasipper.route;

import io.datasipper.api.event.CaptureEvent;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Throughput of {@link Router} over 50 streams against the raw baseline: the same 50 conditions
 * hand-written in Java, evaluated in a plain loop over the same events. Both run warm, single
 * threaded, on ~100k events of realistic traffic ({@link BenchTraffic}); the baseline shares the
 * router's once-per-event work (one URL split, one parse per JSON body), so the ratio is the cost
 * of rules as data rather than code. Before timing, every event's streams are checked to be the
 * same both ways. Target: at least 200,000 events/s.
 *
 * <pre>
 * mvn -q -o -pl route -am install -DskipTests
 * mvn -q -o -pl route dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp route/target/test-classes:route/target/classes:$(cat route/target/cp.txt) \
 *     io.datasipper.route.RulesBench [events, 100000] [rounds, 10]
 * </pre>
 */
public final class RulesBench {
  private static final double TARGET_EVENTS_PER_SECOND = 200_000;

  private RulesBench() {}

  public static void main(String[] args) {
    int eventCount = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;

    List<CaptureEvent> events = new BenchTraffic(7).events(eventCount);
    List<BenchRules.BenchRule> benchRules = BenchRules.all();
    List<StreamRule> rules = benchRules.stream()
        .map(r -> RuleParser.parse(TestEvents.yamlish(r.json()), r.name())).toList();
    Router router = new Router(rules);
    Function<CaptureEvent, List<String>> raw = baseline(benchRules);

    int fanOut = checkSameStreams(events, router, raw);
    System.out.printf("%d events, %d streams, %.2f streams per event on average, %d unmatched%n",
        events.size(), rules.size(), fanOut / (double) events.size(),
        events.stream().filter(e -> router.route(e).equals(List.of(Router.UNMATCHED))).count());

    for (int i = 0; i < Math.max(3, rounds / 2); i++) { // warm-up: let the JIT compile both paths
      time(events, router::route);
      time(events, raw);
    }
    Rate[] routerRates = new Rate[rounds];
    Rate[] rawRates = new Rate[rounds];
    for (int i = 0; i < rounds; i++) { // interleaved, so drift in the machine hits both alike
      routerRates[i] = time(events, router::route);
      rawRates[i] = time(events, raw);
    }
    double routerRate = median(routerRates, Rate::wall);
    double rawRate = median(rawRates, Rate::wall);
    double routerCpuRate = median(routerRates, Rate::cpu);
    double rawCpuRate = median(rawRates, Rate::cpu);
    System.out.printf("router:   %,10.0f events/s wall, %,10.0f events per CPU second (median of %d rounds;"
        + " wall min %,.0f, max %,.0f)%n", routerRate, routerCpuRate, rounds, min(routerRates), max(routerRates));
    System.out.printf("baseline: %,10.0f events/s wall, %,10.0f events per CPU second (hand-written Java, same"
        + " conditions and events)%n", rawRate, rawCpuRate);
    System.out.printf("ratio router/baseline: %.2f wall, %.2f CPU%n", routerRate / rawRate, routerCpuRate / rawCpuRate);
    System.out.printf("target %,.0f events/s over %d streams: %s by the wall clock, %s per CPU second%n",
        TARGET_EVENTS_PER_SECOND, rules.size(), routerRate >= TARGET_EVENTS_PER_SECOND ? "met" : "MISSED",
        routerCpuRate >= TARGET_EVENTS_PER_SECOND ? "met" : "MISSED");
    System.out.printf("machine: %d cores, load average %.1f at the end (other work skews the figures when it is near or"
        + " above the core count)%n", Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** The baseline: each event tested by every hand-written condition, in a plain loop. */
  private static Function<CaptureEvent, List<String>> baseline(List<BenchRules.BenchRule> rules) {
    BenchRules.BenchRule[] all = rules.toArray(BenchRules.BenchRule[]::new);
    return event -> {
      BenchRules.Raw raw = new BenchRules.Raw(event);
      List<String> streams = new ArrayList<>(4);
      for (BenchRules.BenchRule rule : all) {
        if (rule.raw().test(raw)) {
          streams.add(rule.name());
        }
      }
      return streams.isEmpty() ? List.of(Router.UNMATCHED) : streams;
    };
  }

  /** @return the number of (event, stream) pairs */
  private static int checkSameStreams(List<CaptureEvent> events, Router router, Function<CaptureEvent, List<String>> raw) {
    int pairs = 0;
    for (CaptureEvent event : events) {
      List<String> routed = router.route(event);
      List<String> expected = raw.apply(event);
      if (!routed.equals(expected)) {
        throw new IllegalStateException("router and baseline disagree on " + event + ": " + routed + " vs " + expected);
      }
      pairs += routed.size();
    }
    return pairs;
  }

  /**
   * Events per second of one pass, by the wall clock and by the CPU time of the whole process
   * (GC and JIT included): on a shared machine the second is less skewed by other work.
   */
  private record Rate(double wall, double cpu) {}

  /** One pass; the stream names feed a checksum so the work cannot be skipped. */
  private static Rate time(List<CaptureEvent> events, Function<CaptureEvent, List<String>> route) {
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    long checksum = 0;
    for (CaptureEvent event : events) {
      List<String> streams = route.apply(event);
      checksum += streams.size() + streams.get(0).length();
    }
    long nanos = System.nanoTime() - start;
    long cpuNanos = processCpuNanos() - cpuStart;
    if (checksum == 42) {
      System.out.print(""); // never true; keeps the checksum alive
    }
    return new Rate(events.size() / (nanos / 1e9), events.size() / (Math.max(cpuNanos, 1) / 1e9));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double median(Rate[] rates, ToDoubleFunction<Rate> value) {
    double[] sorted = Arrays.stream(rates).mapToDouble(value).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double min(Rate[] rates) {
    return Arrays.stream(rates).mapToDouble(Rate::wall).min().orElse(0);
  }

  private static double max(Rate[] rates) {
    return Arrays.stream(rates).mapToDouble(Rate::wall).max().orElse(0);
  }
}
