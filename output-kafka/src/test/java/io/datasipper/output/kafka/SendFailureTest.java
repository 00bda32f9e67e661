package io.datasipper.output.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class SendFailureTest {

  @Test
  void onlyTheRecordsOwnFaultsDeadLetterIt() {
    assertThat(SendFailure.of(new RecordTooLargeException("big"))).isEqualTo(SendFailure.RECORD_REFUSED);
    assertThat(SendFailure.of(new InvalidTopicException("bad"))).isEqualTo(SendFailure.RECORD_REFUSED);
    assertThat(SendFailure.of(new TimeoutException("broker down"))).isEqualTo(SendFailure.TRANSIENT);
    assertThat(SendFailure.of(new NotEnoughReplicasException("isr"))).isEqualTo(SendFailure.TRANSIENT);
    assertThat(SendFailure.of(new TopicAuthorizationException("acl"))).isEqualTo(SendFailure.PRODUCER_BROKEN);
    assertThat(SendFailure.of(new OutOfOrderSequenceException("seq"))).isEqualTo(SendFailure.PRODUCER_BROKEN);
  }
}
