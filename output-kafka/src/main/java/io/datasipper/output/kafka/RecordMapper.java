package io.datasipper.output.kafka;

import io.datasipper.api.output.MissingFieldException;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.RecordTemplate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Makes the Kafka record of an output record: topic from the template, key from the key template
 * (the connection or request id when none is set, so one connection's records share a partition and
 * keep their order), the value's JSON, and headers naming the stream, the captured event's type, id
 * and seq, and the capture machine's node (the event's {@code source.node}, when it names one), so
 * consumers can route, skip duplicates and tell captures apart without parsing the value; then the headers
 * the config adds, each from a template (a header whose template names a field the record lacks is
 * left out of that record). Used by one thread at a time, as its output is.
 */
final class RecordMapper {
  static final String STREAM_HEADER = "datasipper-stream";
  static final String TYPE_HEADER = "datasipper-type";
  static final String EVENT_ID_HEADER = "datasipper-event-id";
  static final String SOURCE_SEQ_HEADER = "datasipper-source-seq";
  static final String NODE_HEADER = "datasipper-node";

  private final RecordTemplate topic;
  private final RecordTemplate key;
  private final Integer partition;
  private final Map<String, RecordTemplate> extraHeaders;
  /**
   * The UTF-8 of stream names, event types and node names, made once each: there are few of them,
   * and every record carries them in its headers. The producer only reads header values.
   */
  private final Map<String, byte[]> names = new HashMap<>();

  /**
   * @param key null to key records by {@link OutputRecord#key()}
   * @param partition null to let the producer pick the partition from the key
   */
  RecordMapper(RecordTemplate topic, RecordTemplate key, Integer partition) {
    this(topic, key, partition, Map.of());
  }

  /** @param extraHeaders header names and their templates, in the order they are added */
  RecordMapper(RecordTemplate topic, RecordTemplate key, Integer partition, Map<String, RecordTemplate> extraHeaders) {
    this.topic = topic;
    this.key = key;
    this.partition = partition;
    this.extraHeaders = extraHeaders;
  }

  /** The explicit partition, or null. */
  Integer partition() {
    return partition;
  }

  ProducerRecord<byte[], byte[]> map(OutputRecord record) throws UnaddressableRecordException {
    String topicName = render(topic, record);
    if (!topic.isFixed()) {
      String problem = TopicNames.problem(topicName);
      if (problem != null) {
        throw new UnaddressableRecordException("topic template " + topic + " gives record " + record.eventId()
            + " of stream " + record.stream() + " the topic \"" + topicName + "\": " + problem);
      }
    }
    String keyText = key == null ? record.key() : render(key, record);
    return new ProducerRecord<>(topicName, partition, keyText == null ? null : utf8(keyText), value(record),
        headers(record));
  }

  private static byte[] value(OutputRecord record) {
    return record.jsonUtf8(); // not copied: the producer copies it into its batch and never changes it
  }

  private List<Header> headers(OutputRecord record) {
    List<Header> headers = new ArrayList<>(5);
    headers.add(new RecordHeader(STREAM_HEADER, names.computeIfAbsent(record.stream(), RecordMapper::utf8)));
    if (record.eventType() != null) {
      headers.add(new RecordHeader(TYPE_HEADER, names.computeIfAbsent(record.eventType(), RecordMapper::utf8)));
    }
    headers.add(new RecordHeader(EVENT_ID_HEADER, utf8(record.eventId())));
    headers.add(new RecordHeader(SOURCE_SEQ_HEADER, digits(record.sourceSeq())));
    String node = record.sourceNode();
    if (node != null) {
      headers.add(new RecordHeader(NODE_HEADER, names.computeIfAbsent(node, RecordMapper::utf8)));
    }
    for (Map.Entry<String, RecordTemplate> extra : extraHeaders.entrySet()) {
      try {
        headers.add(new RecordHeader(extra.getKey(), utf8(extra.getValue().render(record))));
      } catch (MissingFieldException e) {
        // Optional by nature: an event without the field (no document URL, say) goes without the header.
      }
    }
    return headers;
  }

  private static String render(RecordTemplate template, OutputRecord record) throws UnaddressableRecordException {
    try {
      return template.render(record);
    } catch (MissingFieldException e) {
      throw new UnaddressableRecordException(e.getMessage());
    }
  }

  /** A number's decimal digits as ASCII, without making a String of them first. */
  static byte[] digits(long n) {
    if (n < 0) {
      return utf8(Long.toString(n));
    }
    int length = 1;
    for (long rest = n / 10; rest > 0; rest /= 10) {
      length++;
    }
    byte[] out = new byte[length];
    long rest = n;
    for (int i = length - 1; i >= 0; i--) {
      out[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    return out;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
