package io.datasipper.capture.cdp;

/**
 * A protocol message that could not be read, as far as its start tells what it was.
 *
 * @param what the event's method (e.g. {@code Network.webSocketFrameReceived}), or "the reply to"
 *     the command it answered
 * @param requestId the network request or WebSocket it concerned, or null when it did not say
 * @param size its length (see {@link DroppedMessage#size})
 * @param reason why it could not be read
 */
public record LostMessage(String what, String requestId, long size, String reason) {}
