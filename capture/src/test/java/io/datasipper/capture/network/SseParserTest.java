package io.datasipper.capture.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

  @Test
  void parsesEventsDataLinesIdsAndComments() {
    String body = "\uFEFF: hello\n\nevent: quote\nid: 7\ndata: a\ndata:b\n\ndata: plain\r\n\r\nretry: 10\n\nid: 9\ndata: unterminated";
    assertThat(SseParser.parse(body)).containsExactly(
        new SseParser.Message("quote", "7", "a\nb"),
        new SseParser.Message("message", "7", "plain"));
  }

  @Test
  void aBlockWithoutDataDispatchesNothing() {
    assertThat(SseParser.parse("event: x\n\n")).isEqualTo(List.of());
  }
}
