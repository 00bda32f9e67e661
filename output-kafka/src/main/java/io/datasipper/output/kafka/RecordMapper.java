package io.datasipper.output.kafka;

import io.datasipper.api.output.OutputRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Makes the Kafka record of an output record: topic from the template, key from the key template
 * (the connection or request id when none is set, so one connection's records share a partition and
 * keep their order), the value's JSON, and headers naming the stream, the captured event's type, id
 * and seq, so consumers can route and skip duplicates without parsing the value.
 */
final class RecordMapper {
  static final String STREAM_HEADER = "datasipper-stream";
  static final String TYPE_HEADER = "datasipper-type";
  static final String EVENT_ID_HEADER = "datasipper-event-id";
  static final String SOURCE_SEQ_HEADER = "datasipper-source-seq";

  private final Template topic;
  private final Template key;
  private final Integer partition;

  /**
   * @param key null to key records by {@link OutputRecord#key()}
   * @param partition null to let the producer pick the partition from the key
   */
  RecordMapper(Template topic, Template key, Integer partition) {
    this.topic = topic;
    this.key = key;
    this.partition = partition;
  }

  /** The explicit partition, or null. */
  Integer partition() {
    return partition;
  }

  ProducerRecord<byte[], byte[]> map(OutputRecord record) throws UnaddressableRecordException {
    String topicName = topic.resolve(record);
    if (!topic.isFixed()) {
      String problem = TopicNames.problem(topicName);
      if (problem != null) {
        throw new UnaddressableRecordException("topic template " + topic + " gives record " + record.eventId()
            + " of stream " + record.stream() + " the topic \"" + topicName + "\": " + problem);
      }
    }
    String keyText = key == null ? record.key() : key.resolve(record);
    return new ProducerRecord<>(topicName, partition, keyText == null ? null : utf8(keyText), value(record),
        headers(record));
  }

  private static byte[] value(OutputRecord record) {
    return record.jsonUtf8(); // not copied: the producer copies it into its batch and never changes it
  }

  private static List<Header> headers(OutputRecord record) {
    List<Header> headers = new ArrayList<>(4);
    headers.add(new RecordHeader(STREAM_HEADER, utf8(record.stream())));
    if (record.eventType() != null) {
      headers.add(new RecordHeader(TYPE_HEADER, utf8(record.eventType())));
    }
    headers.add(new RecordHeader(EVENT_ID_HEADER, utf8(record.eventId())));
    headers.add(new RecordHeader(SOURCE_SEQ_HEADER, utf8(Long.toString(record.sourceSeq()))));
    return headers;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
