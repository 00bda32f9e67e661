package io.datasipper.server.feed;

/** What waits in a client's queue: an event, a run of events dropped for it, or a message to it. */
sealed interface QueueItem permits FeedEvent, MissedRange, Notice {}
