package io.datasipper.api.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class OutputRecordTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRecordMadeOfTextReadsAsTheSameTree() throws Exception {
    String text = "{\"type\":\"ws_frame\",\"payload\":\"{\\\"n\\\":1}\",\"length\":7}";
    OutputRecord record = OutputRecord.ofJson("frames", 3, "e3", "c1", "ws_frame", text);
    assertThat(record.json()).isSameAs(text);
    assertThat(record.value()).isEqualTo(JSON.readTree(text));
    assertThat(record.value().path("length").asInt()).isEqualTo(7);
  }

  @Test
  void aRecordMadeOfATreeWritesCompactJsonAndTakesItsTypeFromIt() throws Exception {
    OutputRecord record = new OutputRecord("calls", 4, "e4", null, JSON.readTree("{ \"type\" : \"http\", \"n\" : [1, 2] }"));
    assertThat(record.json()).isEqualTo("{\"type\":\"http\",\"n\":[1,2]}");
    assertThat(record.eventType()).isEqualTo("http");
    assertThat(new OutputRecord("calls", 4, "e4", null, JSON.readTree("{\"n\":1}")).eventType()).isNull();
  }

  @Test
  void bothFormsOfOneRecordAreEqual() throws Exception {
    String text = "{\"type\":\"http\",\"status\":200}";
    assertThat(OutputRecord.ofJson("s", 1, "e1", "k", "http", text))
        .isEqualTo(OutputRecord.ofTree("s", 1, "e1", "k", "http", JSON.readTree(text)));
  }

  @Test
  void storedTextThatIsNotJsonFailsNamingTheRecord() {
    OutputRecord record = OutputRecord.ofJson("s", 1, "e1", null, "http", "{not json");
    assertThatThrownBy(record::value).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("record e1 holds JSON that cannot be read:");
  }
}
