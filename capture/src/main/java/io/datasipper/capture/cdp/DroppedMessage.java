package io.datasipper.capture.cdp;

/**
 * A protocol message that could not be read, so none of it was handled.
 *
 * @param size its length as the transport counted it (bytes on the pipe, characters on a WebSocket)
 * @param start its first characters, which name the method or reply id
 * @param reason why it was not read
 */
public record DroppedMessage(long size, String start, String reason) {}
