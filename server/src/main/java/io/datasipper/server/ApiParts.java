package io.datasipper.server;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.config.ConfigEditor;
import io.datasipper.config.LatestConfig;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.route.Router;
import io.datasipper.server.config.ConfigPart;
import io.datasipper.server.config.TryPart;
import io.datasipper.server.deadletters.DeadLettersPart;
import io.datasipper.server.events.EventsPart;
import io.datasipper.server.feed.FeedPart;
import io.datasipper.server.har.HarPart;
import io.datasipper.server.health.CaptureHealth;
import io.datasipper.server.health.HealthCheck;
import io.datasipper.server.health.PipelineHealth;
import io.datasipper.server.health.ReadinessPart;
import io.datasipper.server.health.StoreHealth;
import io.datasipper.server.metrics.CaptureState;
import io.datasipper.server.metrics.MetricsPart;
import io.datasipper.server.metrics.MetricsSources;
import io.datasipper.server.openapi.OpenApiPart;
import io.datasipper.server.outputs.OutputTypesPart;
import io.datasipper.server.rules.RulesPart;
import io.datasipper.server.ui.UiPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Every part of the local API, built from what the running command offers. */
public final class ApiParts {
  private ApiParts() {}

  public static List<ServerPart> of(ServerSources sources) {
    ConfigEditor editor = new ConfigEditor(sources.config(), sources.following());
    Supplier<PipelineSpec> configured = configured(sources);
    ConfiguredStreams routing = new ConfiguredStreams(configured);
    FeedPart feed =
        FeedPart.of(sources.store(), sources.capturing() == null ? null : sources.capturing().ring(), routing);
    List<ServerPart> parts = new ArrayList<>(List.of(new OpenApiPart(),
        new ReadinessPart(healthChecks(sources, configured)), new MetricsPart(metrics(sources).withFeed(feed)),
        new EventsPart(sources.store(), name -> streamRule(configured.get(), name), routing),
        new HarPart(sources.store(), sources.dataDir()), feed,
        new ConfigPart(editor), new TryPart(editor, sources.store()), new DeadLettersPart(sources.store()), new RulesPart(),
        new OutputTypesPart(Outputs::new)));
    // The dashboard only where the web module's build is on the class path (the CLI has it).
    UiPart.fromClassPath().ifPresent(parts::add);
    return List.copyOf(parts);
  }

  /**
   * The streams and outputs as they are now: the running pipeline's, which follows the config file;
   * without one, the file's as it is at each call.
   */
  private static Supplier<PipelineSpec> configured(ServerSources sources) {
    if (sources.pipeline() != null) {
      return sources.pipeline()::spec;
    }
    LatestConfig latest = new LatestConfig(sources.config());
    return () -> latest.get().pipeline();
  }

  /** Whether an event is one the stream takes, by the rules configured now. */
  private static Optional<Predicate<CaptureEvent>> streamRule(PipelineSpec spec, String name) {
    return spec.streams().stream().filter(s -> s.name().equals(name)).findFirst().map(s -> {
      Router router = new Router(List.of(s.rule()));
      return event -> router.route(event).contains(name);
    });
  }

  private static MetricsSources metrics(ServerSources sources) {
    MetricsSources metrics = MetricsSources.of(sources.dataDir(), sources.store());
    ServerSources.Capturing capturing = sources.capturing();
    if (capturing != null) {
      metrics = metrics.withCapture(capturing.captured(), capturing.writer(), capturing.maxQueuedBytes(), capturing.ring())
          .withCaptureState(new CaptureState(capturing.attached(), capturing.tabs()));
    }
    return sources.pipeline() == null ? metrics : metrics.withPipeline(sources.pipeline().stats());
  }

  private static List<HealthCheck> healthChecks(ServerSources sources, Supplier<PipelineSpec> configured) {
    ServerSources.Capturing capturing = sources.capturing();
    Supplier<List<String>> outputNames = () -> configured.get().outputs().stream().map(o -> o.name()).toList();
    return List.of(
        capturing == null ? CaptureHealth.absent() : CaptureHealth.of(capturing.attached()),
        capturing == null ? StoreHealth.withoutWriter(sources.store(), sources.dataDir())
            : StoreHealth.withWriter(sources.store(), sources.dataDir(), capturing.writer()),
        sources.pipeline() == null ? PipelineHealth.notDelivering(outputNames)
            : new PipelineHealth(sources.pipeline().stats(), () -> sources.pipeline().outputNames(),
                sources.store()::maxSeq));
  }
}
