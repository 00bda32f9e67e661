package io.datasipper.server.config;

import io.datasipper.config.ConfigEditor;
import io.datasipper.config.ConfigSource;
import io.datasipper.config.LivePipeline;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.server.deadletters.DeadLettersPart;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoreException;
import io.datasipper.store.UncheckedStoreException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A data directory served as {@code serve --deliver} serves it: a real store, the pipeline its
 * {@code datasipper.yaml} describes, following the file, and the config, try and dead-letter parts.
 */
public final class RunningConfig implements AutoCloseable {
  public final Path dataDir;
  public final EventStore store;
  public final LivePipeline live;
  public final ConfigSource.Following following;
  public final LocalServer server;
  public final ApiClient api;
  public final StringWriter out = new StringWriter();

  public RunningConfig(Path dataDir) throws StoreException {
    this.dataDir = dataDir;
    this.store = EventStore.open(dataDir);
    ConfigSource source = ConfigSource.read(null, dataDir, UnaryOperator.identity());
    PrintWriter lines = new PrintWriter(out, true);
    this.live = LivePipeline.start(source.config().pipeline(), store, this::pipelineLock, lines, (to, spec, stats) -> {});
    this.following = source.follow(live, false, lines, lines);
    ConfigEditor editor = new ConfigEditor(source, following);
    this.server = LocalServer.start(0,
        List.of(new ConfigPart(editor), new TryPart(editor, store), new DeadLettersPart(store)));
    this.api = new ApiClient(server);
  }

  private DataDirLock pipelineLock() {
    try {
      return DataDirLock.acquire(dataDir, DataDirLock.Kind.PIPELINE, "serve");
    } catch (StoreException e) {
      throw new UncheckedStoreException(e);
    }
  }

  /** The config with one stream of every frame into the file output {@code out}, written to {@code file}. */
  public static String config(Path dataDir, String file, String transform) {
    return """
        streams:
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [out]
        %soutputs:
          out: {type: file, path: %s}
        """.formatted(transform == null ? "" : "    transform: '" + transform + "'\n", dataDir.resolve(file));
  }

  @Override
  public void close() {
    server.close();
    following.stop();
    live.close();
    store.close();
  }
}
