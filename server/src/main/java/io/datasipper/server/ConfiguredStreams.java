package io.datasipper.server;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.pipeline.StreamSpec;
import io.datasipper.route.Router;
import java.util.List;
import java.util.function.Supplier;

/**
 * Which configured streams take an event: the streams' rules as the pipeline routes with them, a
 * {@link Router} made as the pipeline makes its own from the streams configured now. It is made
 * again only when the configured streams change, so a caller asks for it once per page or batch.
 */
public final class ConfiguredStreams implements Supplier<Router> {
  private static final Router EMPTY = new Router(List.of());
  /** No stream is configured: every event is taken by none. */
  public static final Supplier<Router> NONE = () -> EMPTY;

  private final Supplier<PipelineSpec> configured;
  private PipelineSpec spec;
  private Router router;

  public ConfiguredStreams(Supplier<PipelineSpec> configured) {
    this.configured = configured;
  }

  /** The router of the streams configured now. */
  @Override
  public synchronized Router get() {
    PipelineSpec now = configured.get();
    if (now != spec) {
      router = new Router(now.streams().stream().map(StreamSpec::rule).toList());
      spec = now;
    }
    return router;
  }

  /**
   * The streams that take an event of type {@code type}, in config order; empty when none does.
   * When the streams' rules decide by the type alone (as they do when there are none), the event
   * itself is not asked for: reading a stored one back costs far more than the routing, and on a
   * server's first page it made Jackson build its readers, 0.3 s of a cold JVM.
   *
   * @param event the event, asked for only when the rules must see more than its type
   */
  public static List<String> of(Router router, String type, Supplier<CaptureEvent> event) {
    List<String> streams = router.route(type, event);
    return streams.contains(Router.UNMATCHED) ? List.of() : streams;
  }
}
