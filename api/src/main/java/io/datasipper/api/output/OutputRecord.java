package io.datasipper.api.output;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record for an output: an event of a stream, after the stream's transform.
 *
 * @param stream the stream it was routed to
 * @param sourceSeq the sequence number of the captured event it came from
 * @param eventId a stable id: the event's id, suffixed {@code #n} for the n-th record a transform
 *     made of it, so a destination can ignore duplicates of at-least-once delivery
 * @param key the ordering key: the WebSocket connection or request id, so one connection's records
 *     stay together; may be null
 * @param value the record as JSON (the event's documented form, or what the transform returned)
 */
public record OutputRecord(String stream, long sourceSeq, String eventId, String key, JsonNode value) {}
