package io.datasipper.export;

/**
 * What a HAR export wrote.
 *
 * @param entries all entries, including redirect hops and WebSocket connections
 * @param webSocketConnections entries that are WebSocket connections
 * @param webSocketMessages text and binary messages in those entries
 */
public record HarSummary(long entries, long webSocketConnections, long webSocketMessages) {}
