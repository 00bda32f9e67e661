package io.datasipper.capture.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
  private static final String STREAM = "\uFEFF: hello\n\nretry: 3000\nevent: quote\nid: 7\ndata: a\ndata:b\n\n"
      + "data: pl\u00e4in \u20ac \uD83D\uDE00\r\n\r\nevent: \u4e16\rid: 8\rdata: cr\rdata:\r\rid\ndata: x\n\n"
      + "event: x\n\nid: 9\ndata: unterminated";
  private static final List<SseParser.Message> MESSAGES = List.of(
      new SseParser.Message("quote", "7", "a\nb"),
      new SseParser.Message("message", "7", "pl\u00e4in \u20ac \uD83D\uDE00"),
      new SseParser.Message("\u4e16", "8", "cr\n"),
      new SseParser.Message("message", null, "x"));

  @Test
  void parsesEventsDataLinesIdsCommentsAndEveryLineEnding() {
    assertThat(SseParser.parse(STREAM)).isEqualTo(MESSAGES);
  }

  @Test
  void bytesSplitAnywhereGiveTheSameMessagesEachOnceWhenTheirBlankLineArrives() {
    byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
    for (int size = 1; size <= 7; size++) {
      SseParser parser = new SseParser();
      List<SseParser.Message> parsed = new ArrayList<>();
      for (int at = 0; at < bytes.length; at += size) {
        parsed.addAll(parser.feed(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + size))));
      }
      assertThat(parsed).as("in chunks of %d bytes", size).isEqualTo(MESSAGES);
    }
  }

  @Test
  void aMessageIsMadeByTheChunkThatEndsItsBlock() {
    SseParser parser = new SseParser();
    assertThat(parser.feed(utf8("data: one\n"))).isEmpty();
    assertThat(parser.feed(utf8("\r"))).containsExactly(new SseParser.Message("message", null, "one"));
    assertThat(parser.feed(utf8("\ndata: two\n"))).as("the LF of a CRLF split across chunks is no blank line").isEmpty();
    assertThat(parser.feed(utf8("\n"))).containsExactly(new SseParser.Message("message", null, "two"));
  }

  @Test
  void malformedUtf8BecomesReplacementCharacters() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(utf8("data: a"));
    bytes.write(0xff);
    bytes.writeBytes(utf8("b\n\n"));
    assertThat(new SseParser().feed(bytes.toByteArray())).containsExactly(new SseParser.Message("message", null, "a\uFFFDb"));
  }

  @Test
  void aBlockWithoutDataDispatchesNothing() {
    assertThat(SseParser.parse("event: x\n\n")).isEqualTo(List.of());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
