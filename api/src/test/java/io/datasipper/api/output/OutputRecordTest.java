package io.datasipper.api.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
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
  void aRecordMadeOfStoredBytesPassesThemOnAndReadsAsTheSameTextAndTree() throws Exception {
    String text = "{\"type\":\"ws_frame\",\"payload\":\"prix: 12 € ☃\"}";
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    OutputRecord record = OutputRecord.ofJsonUtf8("frames", 5, "e5", "c1", "ws_frame", utf8);
    assertThat(record.jsonUtf8()).isSameAs(utf8);
    assertThat(record.json()).isEqualTo(text);
    assertThat(record.value().path("payload").asText()).isEqualTo("prix: 12 € ☃");
    assertThat(record).isEqualTo(OutputRecord.ofJson("frames", 5, "e5", "c1", "ws_frame", text));
  }

  @Test
  void aRecordMadeOfATreeOrTextGivesItsJsonAsUtf8() throws Exception {
    String text = "{\"type\":\"http\",\"body\":\"ü\"}";
    assertThat(OutputRecord.ofTree("s", 1, "e1", null, "http", JSON.readTree(text)).jsonUtf8())
        .isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    assertThat(OutputRecord.ofJson("s", 1, "e1", null, "http", text).jsonUtf8())
        .isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void storedBytesThatAreNotJsonFailNamingTheRecord() {
    OutputRecord record = OutputRecord.ofJsonUtf8("s", 1, "e1", null, "http", "{not json".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(record::value).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("record e1 holds JSON that cannot be read:");
  }

  @Test
  void storedTextThatIsNotJsonFailsNamingTheRecord() {
    OutputRecord record = OutputRecord.ofJson("s", 1, "e1", null, "http", "{not json");
    assertThatThrownBy(record::value).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("record e1 holds JSON that cannot be read:");
  }
}
