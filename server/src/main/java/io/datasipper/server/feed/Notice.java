package io.datasipper.server.feed;

/** A message to the client that is not an event (an error about its latest request), sent in turn. */
record Notice(String json) implements QueueItem {}
