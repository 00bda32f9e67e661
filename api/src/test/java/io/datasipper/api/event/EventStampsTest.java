package io.datasipper.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventStampsTest {
  @Test
  void anIdSaysWhenItWasMade() {
    long before = System.currentTimeMillis();
    String id = EventStamps.newId();
    long after = System.currentTimeMillis();
    assertThat(EventStamps.createdAtMillis(id)).isBetween(before, after);
    assertThat(EventStamps.createdAtMillis(id + "#2")).isEqualTo(EventStamps.createdAtMillis(id));
  }

  @Test
  void anIdMadeElsewhereHasNoTime() {
    assertThat(EventStamps.createdAtMillis("e17")).isEqualTo(-1);
    assertThat(EventStamps.createdAtMillis(null)).isEqualTo(-1);
    assertThat(EventStamps.createdAtMillis("0192b3c4-d5e6-4abc-8def-0123456789ab")).isEqualTo(-1); // version 4
    assertThat(EventStamps.createdAtMillis("0192b3c4-d5e6-7abc-8def-0123456789ab")).isEqualTo(0x0192b3c4d5e6L);
    assertThat(EventStamps.createdAtMillis("0192b3x4-d5e6-7abc-8def-0123456789ab")).isEqualTo(-1);
  }
}
