package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationConverterTest {

  @Test
  void readsDurationsInTheirUnits() {
    DurationConverter read = new DurationConverter();
    assertThat(read.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(read.convert("15s")).isEqualTo(Duration.ofSeconds(15));
    assertThat(read.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(read.convert("87600h")).isEqualTo(Duration.ofHours(87_600));
  }

  @Test
  void aDurationTooLongToCountIsOneLineNamingTheLimit() {
    for (String tooLong : new String[] {"99999999999999999999s", "2562047788015h", "87601h"}) {
      CliRunner run = CliRunner.run("deliver", "--timeout", tooLong, "--data-dir", "/nonexistent/datasipper");
      assertThat(run.exitCode()).as(tooLong).isEqualTo(Main.USAGE);
      assertThat(run.err().lines().findFirst()).as(tooLong).hasValue("Invalid value for option '--timeout': '" + tooLong
          + "' is too long: a duration is at most 87600h (10 years)");
    }
  }
}
