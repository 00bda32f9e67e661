package io.datasipper.api.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordTemplateTest {
  private static final OutputRecord CALL = OutputRecord.ofJson("calls", 42, "e42", "req-7", "http",
      "{\"type\":\"http\",\"request\":{\"method\":\"GET\",\"tags\":[\"a\",\"b\"]},\"status\":200,\"gone\":null}");

  @Test
  void fillsEachPlaceholderFromTheRecord() throws Exception {
    assertThat(RecordTemplate.parse("k", "${stream}:${type}:${event_id}:${key}:${seq}").render(CALL))
        .isEqualTo("calls:http:e42:req-7:42");
    RecordTemplate fields = RecordTemplate.parse("k", "${value.request.method} ${value.status} ${value.request.tags.1}");
    assertThat(fields.render(CALL)).isEqualTo("GET 200 b");
  }

  @Test
  void typeIsTheValuesOwnOrElseTheCapturedEventsType() throws Exception {
    RecordTemplate type = RecordTemplate.parse("topic", "ds.${type}");
    assertThat(type.render(OutputRecord.ofJson("prices", 5, "e5", null, "ws_frame", "{\"type\":\"quote\",\"p\":1}")))
        .isEqualTo("ds.quote");
    assertThat(type.render(OutputRecord.ofJson("prices", 5, "e5", null, "ws_frame", "{\"p\":1}")))
        .as("a transform left the type out").isEqualTo("ds.ws_frame");
    assertThatThrownBy(() -> type.render(OutputRecord.ofJson("prices", 5, "e5", null, null, "{\"p\":1}")))
        .isInstanceOf(MissingFieldException.class).hasMessageContaining("type is missing from the value");
  }

  @Test
  void anObjectOrArrayRendersAsCompactJson() throws Exception {
    assertThat(RecordTemplate.parse("k", "${value.request}").render(CALL))
        .isEqualTo("{\"method\":\"GET\",\"tags\":[\"a\",\"b\"]}");
  }

  @Test
  void aMissingOrNullFieldNamesTheTemplateTheFieldAndTheEvent() {
    assertThatThrownBy(() -> RecordTemplate.parse("k", "x.${value.response.status}").render(CALL))
        .isInstanceOf(MissingFieldException.class)
        .hasMessage("x.${value.response.status}: value.response.status is missing from the value"
            + " (event e42, stream calls)");
    assertThatThrownBy(() -> RecordTemplate.parse("k", "${value.gone}").render(CALL))
        .hasMessageContaining("value.gone is missing");
  }

  @Test
  void tellsAFixedTemplateAndItsLiterals() throws Exception {
    assertThat(RecordTemplate.parse("k", "events").isFixed()).isTrue();
    RecordTemplate t = RecordTemplate.parse("k", "ds.${stream}.raw");
    assertThat(t.isFixed()).isFalse();
    assertThat(t.literals()).containsExactly("ds.", ".raw");
  }

  @Test
  void aBadTemplateFailsAtParseNamingTheKeyAndWhatIsWrong() {
    assertThatThrownBy(() -> RecordTemplate.parse("channel", "ds.${strem}"))
        .isInstanceOf(OutputConfigException.class)
        .hasMessage("channel ds.${strem} has an unknown placeholder ${strem};"
            + " known: stream, type, event_id, key, seq, value, value.<path>")
        .extracting(e -> ((OutputConfigException) e).key()).isEqualTo("channel");
    assertThatThrownBy(() -> RecordTemplate.parse("k", "a${stream"))
        .hasMessage("k a${stream has an unclosed ${ at character 2");
    assertThatThrownBy(() -> RecordTemplate.parse("k", "a${ }"))
        .hasMessage("k a${ } has a ${} at character 2 that names no field");
    assertThatThrownBy(() -> RecordTemplate.parse("k", "${value.a..b}"))
        .hasMessage("k ${value.a..b}: ${value.a..b} has an empty step in its path");
  }
}
