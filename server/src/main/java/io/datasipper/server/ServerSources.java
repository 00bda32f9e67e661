package io.datasipper.server;

import io.datasipper.config.ConfigSource;
import io.datasipper.config.LivePipeline;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import java.nio.file.Path;

/**
 * What a running command offers its local server.
 *
 * @param ring the capture's latest events; null when the command does not capture
 * @param pipeline the running pipeline; null when the command delivers nothing
 * @param config the config the command follows
 */
public record ServerSources(Path dataDir, EventStore store, RingBuffer ring, LivePipeline pipeline, ConfigSource config) {}
