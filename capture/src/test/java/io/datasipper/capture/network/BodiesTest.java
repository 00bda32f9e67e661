package io.datasipper.capture.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.Body;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BodiesTest {

  @Test
  void textIsCutAtTheLimitOnACharacterBoundaryAndKeepsItsSize() {
    Body body = Bodies.fromText("h\u00e9llo w\u00f6rld", 3);
    assertThat(body.truncated()).isTrue();
    assertThat(body.data()).isEqualTo("h\u00e9");
    assertThat(body.size()).isEqualTo("h\u00e9llo w\u00f6rld".getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void binaryStaysBase64AndTextualBase64BecomesText() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
    Body binary = Bodies.fromBase64(Base64.getEncoder().encodeToString(png), "image/png", 100);
    assertThat(binary.encoding()).isEqualTo(Body.Encoding.BASE64);
    assertThat(binary.bytes()).isEqualTo(png);
    Body json = Bodies.fromBase64(Base64.getEncoder().encodeToString("{\"a\":1}".getBytes()), "application/json", 100);
    assertThat(json.encoding()).isEqualTo(Body.Encoding.TEXT);
    assertThat(json.data()).isEqualTo("{\"a\":1}");
  }

  @Test
  void lengthsAreCountedWithoutDecoding() {
    String s = "a\u00e9\u4e16\uD83D\uDE00";
    assertThat(Body.utf8Length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    for (int n = 0; n < 7; n++) {
      String b64 = Base64.getEncoder().encodeToString(new byte[n]);
      assertThat(Bodies.base64DecodedLength(b64)).isEqualTo(n);
    }
  }

  @Test
  void aUtf8PrefixLeavesOutTheCharacterTheCutWentThrough() {
    byte[] utf8 = "ab\u20ac\ud83d\ude00".getBytes(java.nio.charset.StandardCharsets.UTF_8); // 2 + 3 + 4 bytes
    assertThat(Bodies.fromUtf8Prefix(utf8, utf8.length)).isEqualTo(Body.text("ab\u20ac\ud83d\ude00", 9, false));
    for (int cut = 3; cut <= 4; cut++) {
      assertThat(Bodies.fromUtf8Prefix(java.util.Arrays.copyOf(utf8, cut), 9)).isEqualTo(Body.text("ab", 9, true));
    }
    for (int cut = 5; cut <= 8; cut++) {
      assertThat(Bodies.fromUtf8Prefix(java.util.Arrays.copyOf(utf8, cut), 9))
          .isEqualTo(Body.text("ab\u20ac", 9, true));
    }
    byte[] notUtf8 = {'a', (byte) 0xff, 'b'};
    assertThat(Bodies.fromUtf8Prefix(notUtf8, 3).encoding()).isEqualTo(Body.Encoding.BASE64);
  }
}
