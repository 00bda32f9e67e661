package io.datasipper.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ByteSizeTest {
  @Test
  void binaryUnitsArePowersOf1024AndDecimalOnesOf1000() {
    assertThat(ByteSize.parse("1048576")).isEqualTo(BigInteger.valueOf(1_048_576));
    assertThat(ByteSize.parse("512KiB")).isEqualTo(BigInteger.valueOf(512 * 1024));
    assertThat(ByteSize.parse("500MiB")).isEqualTo(BigInteger.valueOf(500L << 20));
    assertThat(ByteSize.parse("500MB")).isEqualTo(BigInteger.valueOf(500_000_000L));
    assertThat(ByteSize.parse("2 GB")).isEqualTo(BigInteger.valueOf(2_000_000_000L));
    assertThat(ByteSize.parse("64kB")).isEqualTo(BigInteger.valueOf(64_000));
    assertThat(ByteSize.parse("3TB")).isEqualTo(BigInteger.valueOf(3_000_000_000_000L));
    assertThat(ByteSize.parse("7B")).isEqualTo(BigInteger.valueOf(7));
  }

  @Test
  void anythingElseIsNotASize() {
    assertThat(ByteSize.parse("500 M")).isNull();
    assertThat(ByteSize.parse("1.5GB")).isNull();
    assertThat(ByteSize.parse("-5")).isNull();
    assertThat(ByteSize.parse("lots")).isNull();
  }

  @Test
  void aSizeIsWrittenInTheLargestBinaryUnitThatDividesIt() {
    assertThat(ByteSize.format(1L << 30)).isEqualTo("1 GiB");
    assertThat(ByteSize.format(1536 * 1024)).isEqualTo("1536 KiB");
    assertThat(ByteSize.format(7)).isEqualTo("7 B");
  }
}
