package io.datasipper.output.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.json.EventJson;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.RecordTemplate;
import io.datasipper.testkit.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class RecordMapperTest {
  private static final OutputRecord FRAME = record(SampleEvents.frame(7, "conn-3", "{\"n\":7}"));
  private static final OutputRecord CALL = record(Events.event(9));

  @Test
  void byDefaultTheTopicIsPerStreamAndTheKeyIsTheConnection() throws Exception {
    ProducerRecord<byte[], byte[]> r = mapper("datasipper.${stream}", null, null).map(FRAME);
    assertThat(r.topic()).isEqualTo("datasipper.frames");
    assertThat(text(r.key())).isEqualTo("conn-3");
    assertThat(r.partition()).isNull();
    assertThat(text(r.value())).isEqualTo(FRAME.value().toString());
    assertThat(headers(r)).containsExactly(Map.entry("datasipper-stream", "frames"),
        Map.entry("datasipper-type", "ws_frame"), Map.entry("datasipper-event-id", "e7"),
        Map.entry("datasipper-source-seq", "7"));
  }

  @Test
  void templatesReadTheTypeAndPathsIntoTheValue() throws Exception {
    RecordMapper m = mapper("calls.${type}.${value.response.status}", "${value.method}:${key}", 2);
    ProducerRecord<byte[], byte[]> r = m.map(CALL);
    assertThat(r.topic()).isEqualTo("calls.http.200");
    assertThat(text(r.key())).isEqualTo("GET:e9");
    assertThat(r.partition()).isEqualTo(2);
    assertThat(mapper("${value.source.tab_id}", null, null).map(FRAME).topic()).isEqualTo("tab-1");
  }

  @Test
  void configuredHeadersFollowTheBuiltInOnesAndOneWhoseFieldIsMissingIsLeftOut() throws Exception {
    Map<String, RecordTemplate> extra = new LinkedHashMap<>();
    extra.put("page", RecordTemplate.parse("headers.page", "${value.source.document_url}"));
    extra.put("status", RecordTemplate.parse("headers.status", "${value.response.status}"));
    RecordMapper m = new RecordMapper(RecordTemplate.parse("topic", "t"), null, null, extra);
    assertThat(headers(m.map(CALL))).containsEntry("page", "http://127.0.0.1/app").containsEntry("status", "200")
        .hasSize(6);
    assertThat(headers(m.map(FRAME))).as("a frame has no response").containsEntry("page", "http://127.0.0.1/app")
        .doesNotContainKey("status").hasSize(5);
  }

  @Test
  void theSourceSeqHeaderIsTheSeqInDecimal() {
    for (long n : new long[] {0, 7, 10, 99, 100, 1_234_567_890_123L, Long.MAX_VALUE, -5}) {
      assertThat(new String(RecordMapper.digits(n), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(Long.toString(n));
    }
  }

  @Test
  void aRecordWithoutTheNamedFieldCannotBeAddressed() {
    assertThatThrownBy(() -> mapper("calls.${value.response.status}", null, null).map(FRAME))
        .isInstanceOf(UnaddressableRecordException.class)
        .hasMessage("calls.${value.response.status}: value.response.status is missing from the value"
            + " (event e7, stream frames)");
    assertThatThrownBy(() -> mapper("x.${value.url}", null, null).map(FRAME))
        .hasMessage("topic template x.${value.url} gives record e7 of stream frames the topic \"x.ws://127.0.0.1/ws\":"
            + " \"x.ws://127.0.0.1/ws\" is not a valid topic name: only ASCII letters, digits, '.', '_' and '-' are allowed");
  }

  @Test
  void anObjectFieldKeysTheRecordWithItsCompactJson() throws Exception {
    assertThat(text(mapper("t", "value.response", null).map(CALL).key()))
        .isEqualTo(CALL.value().get("response").toString()).startsWith("{\"");
  }

  @Test
  void aStoredEventShippedUnchangedIsSentAsItsStoredTextAndStillAddressable() throws Exception {
    String stored = FRAME.json();
    OutputRecord record = OutputRecord.ofJson("frames", 7, "e7", "conn-3", "ws_frame", stored);
    ProducerRecord<byte[], byte[]> r = mapper("t.${value.source.tab_id}", null, null).map(record);
    assertThat(text(r.value())).isEqualTo(stored);
    assertThat(r.topic()).isEqualTo("t.tab-1");
  }

  @Test
  void theTypeHeaderNamesTheCapturedEventEvenWhenATransformLeftTheTypeOut() throws Exception {
    JsonNode reshaped = EventJson.mapper().readTree("{\"price\": 12.5}");
    OutputRecord record = OutputRecord.ofTree("prices", 7, "e7", "conn-3", "ws_frame", reshaped);
    ProducerRecord<byte[], byte[]> r = mapper("t", null, null).map(record);
    assertThat(text(r.value())).isEqualTo("{\"price\":12.5}");
    assertThat(headers(r)).containsEntry("datasipper-type", "ws_frame");
  }

  @Test
  void aRecordWithoutAKeyIsSentWithoutOne() throws Exception {
    OutputRecord keyless = new OutputRecord("s", 1, "e1", null, FRAME.value());
    assertThat(mapper("t", null, null).map(keyless).key()).isNull();
  }

  private static RecordMapper mapper(String topic, String key, Integer partition) throws OutputConfigException {
    return new RecordMapper(RecordTemplate.parse("topic", topic), key == null ? null
        : RecordTemplate.parse("key", key.contains("${") ? key : "${" + key + "}"), partition);
  }

  private static OutputRecord record(io.datasipper.api.event.CaptureEvent event) {
    JsonNode value = EventJson.mapper().valueToTree(event);
    String stream = event.type().equals("http") ? "calls" : "frames";
    String key = event instanceof io.datasipper.api.event.WsFrameEvent f ? f.connectionId() : event.id();
    return new OutputRecord(stream, event.seq(), event.id(), key, value);
  }

  private static Map<String, String> headers(ProducerRecord<byte[], byte[]> r) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Header h : r.headers()) {
      out.put(h.key(), text(h.value()));
    }
    return out;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
