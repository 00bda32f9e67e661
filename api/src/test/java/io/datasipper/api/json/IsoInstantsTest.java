package io.datasipper.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
  private static final DateTimeFormatter NANOS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void readsEveryInstantTheWayTheJdkDoes() {
    SplittableRandom random = new SplittableRandom(42);
    long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
      String text = t.toString();
      assertThat(IsoInstants.parse(text)).as(text).isEqualTo(t);
      assertThat(IsoInstants.format(t)).isEqualTo(text);
      assertThat(IsoInstants.formatNanos(t)).isEqualTo(NANOS.format(t));
    }
  }

  @Test
  void timesOutsideFourDigitYearsAreWrittenAsTheJdkWritesThem() {
    for (Instant t : new Instant[] {Instant.parse("-0001-12-31T23:59:59.5Z"), Instant.parse("+10000-01-01T00:00:00Z"),
        Instant.MIN, Instant.MAX}) {
      assertThat(IsoInstants.format(t)).isEqualTo(t.toString());
      assertThat(IsoInstants.parse(IsoInstants.format(t))).isEqualTo(t);
    }
  }

  @Test
  void leapDaysAndTheEdgesOfDaysAndYears() {
    for (String text : new String[] {"2024-02-29T12:00:00Z", "2000-02-29T00:00:00.5Z", "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999999999Z", "2026-12-31T23:59:59.000001Z", "2026-03-01T00:00:00.12Z"}) {
      assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void otherValidFormsAreLeftToTheFullParser() {
    assertThat(IsoInstants.parse("2026-11-26T18:21:08+01:00")).isEqualTo(Instant.parse("2026-11-26T17:21:08Z"));
    assertThat(IsoInstants.parse("2026-11-26T24:00:00Z")).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
    assertThat(IsoInstants.parse("2026-11-26T17:21:08.Z")).isEqualTo(Instant.parse("2026-11-26T17:21:08Z"));
  }

  @Test
  void invalidTimesAreRefusedAsTheJdkRefusesThem() {
    for (String text : new String[] {"2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-11-26T17:21:08.1234567890Z", "2026-1a-26T17:21:08Z", "yesterday"}) {
      assertThatThrownBy(() -> IsoInstants.parse(text)).as(text).isInstanceOf(DateTimeException.class);
    }
  }

  @Test
  void anEventWithABadTimeIsRefusedNamingTheValue() {
    String json = "{\"type\":\"capture_error\",\"id\":\"e1\",\"seq\":1,\"timestamp\":\"2026-02-30T00:00:00Z\"}";
    assertThatThrownBy(() -> EventJson.read(json)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2026-02-30T00:00:00Z").hasMessageContaining("not an ISO-8601 instant");
  }
}
