package io.datasipper.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of a round's runs. The benches run in one JVM, whose heap, compiled code and page cache
 * change from run to run, so a run that always went first would be measured on a different machine
 * than the others. Each round therefore starts one run further along: with runs A, B, C, round 1 runs
 * A B C, round 2 B C A, round 3 C A B; over as many rounds as there are runs, each takes each place once.
 */
final class RoundOrder {
  private RoundOrder() {}

  /** Makes one run of a round, named with the round's {@code suffix} ("" when there is one round). */
  @FunctionalInterface
  interface RunMaker<T> {
    T run(String suffix) throws Exception;
  }

  /** Runs {@code rounds} rounds of {@code makers}, each rotated one further than the one before; the runs in the order they ran. */
  static <T> List<T> runRounds(int rounds, List<RunMaker<T>> makers) throws Exception {
    List<T> runs = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      String suffix = rounds == 1 ? "" : String.valueOf(round);
      for (RunMaker<T> maker : rotated(makers, round)) {
        runs.add(maker.run(suffix));
      }
    }
    return runs;
  }

  /** {@code items} starting at the {@code round}th (1-based, wrapping around). */
  static <T> List<T> rotated(List<T> items, int round) {
    int start = (round - 1) % items.size();
    List<T> order = new ArrayList<>(items.subList(start, items.size()));
    order.addAll(items.subList(0, start));
    return order;
  }

  /** How the report says it: "Each round starts one run further along (A B C, then B C A, ...)". */
  static String describe(List<String> names) {
    return "Each round starts one run further along (" + String.join(" ", rotated(names, 1)) + ", then "
        + String.join(" ", rotated(names, 2)) + ", ...), so that no run always goes first: the JVM's heap, compiled"
        + " code and caches change from run to run.";
  }
}
