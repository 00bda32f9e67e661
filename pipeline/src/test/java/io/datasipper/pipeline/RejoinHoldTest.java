package io.datasipper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RejoinHoldTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void anOutputFallingBehindForTheFirstTimeMayAskBackAtOnce() {
    assertThat(new RejoinHold().fellBehind(0)).isZero();
  }

  @Test
  void anOutputFallingBehindAgainSoonAfterBeingTakenBackStaysOnItsOwnLongerEachTime() {
    RejoinHold hold = new RejoinHold();
    long now = 0;
    hold.fellBehind(now);
    for (Duration expected : new Duration[] {RejoinHold.FIRST, Duration.ofSeconds(10), Duration.ofSeconds(20),
        Duration.ofSeconds(40), RejoinHold.LONGEST, RejoinHold.LONGEST}) {
      now += 70 * SECOND;
      hold.takenBack(now);
      now += 2 * SECOND;
      assertThat(hold.fellBehind(now)).isEqualTo(expected);
    }
  }

  @Test
  void anOutputThatKeptUpWithItsStreamLongEnoughMayAskBackAtOnceAgain() {
    RejoinHold hold = new RejoinHold();
    hold.fellBehind(0);
    hold.takenBack(10 * SECOND);
    assertThat(hold.fellBehind(11 * SECOND)).isEqualTo(RejoinHold.FIRST);
    hold.takenBack(20 * SECOND);
    assertThat(hold.fellBehind(20 * SECOND + RejoinHold.SETTLED.toNanos())).isZero();
    hold.takenBack(60 * SECOND);
    assertThat(hold.fellBehind(61 * SECOND)).as("the doubling starts over").isEqualTo(RejoinHold.FIRST);
  }

  @Test
  void onlyAFallAfterBeingTakenBackCountsAsSoon() {
    RejoinHold hold = new RejoinHold();
    hold.fellBehind(0);
    assertThat(hold.fellBehind(SECOND)).as("never taken back: its last stage could not start").isZero();
  }
}
