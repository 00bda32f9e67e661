package io.datasipper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundOrderTest {
  @Test
  void eachRunTakesEachPlaceOnceOverAsManyRoundsAsThereAreRuns() throws Exception {
    List<String> ran = new ArrayList<>();
    List<RoundOrder.RunMaker<String>> makers = List.of("A", "B", "C").stream()
        .<RoundOrder.RunMaker<String>>map(name -> suffix -> {
          ran.add(name + suffix);
          return name + suffix;
        }).toList();

    List<String> runs = RoundOrder.runRounds(4, makers);

    assertThat(runs).containsExactly("A1", "B1", "C1", "B2", "C2", "A2", "C3", "A3", "B3", "A4", "B4", "C4");
    assertThat(ran).isEqualTo(runs);
  }

  @Test
  void aSingleRoundNamesItsRunsWithoutANumber() throws Exception {
    assertThat(RoundOrder.runRounds(1, List.<RoundOrder.RunMaker<String>>of(s -> "A" + s, s -> "B" + s)))
        .containsExactly("A", "B");
  }

  @Test
  void theReportSaysHowTheOrderTurns() {
    assertThat(RoundOrder.describe(List.of("A", "B", "C"))).startsWith("Each round starts one run further along (A B C, then B C A, ...)");
  }
}
