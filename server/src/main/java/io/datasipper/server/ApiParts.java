package io.datasipper.server;

import io.datasipper.server.health.CaptureHealth;
import io.datasipper.server.health.HealthCheck;
import io.datasipper.server.health.PipelineHealth;
import io.datasipper.server.health.ReadinessPart;
import io.datasipper.server.health.StoreHealth;
import io.datasipper.server.openapi.OpenApiPart;
import io.datasipper.server.ui.UiPart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Every part of the local API, built from what the running command offers. */
public final class ApiParts {
  private ApiParts() {}

  public static List<ServerPart> of(ServerSources sources) {
    List<ServerPart> parts = new ArrayList<>(List.of(new OpenApiPart(), new ReadinessPart(healthChecks(sources))));
    // The dashboard only where the web module's build is on the class path (the CLI has it).
    UiPart.fromClassPath().ifPresent(parts::add);
    return List.copyOf(parts);
  }

  private static List<HealthCheck> healthChecks(ServerSources sources) {
    ServerSources.Capturing capturing = sources.capturing();
    Supplier<List<String>> outputNames = () -> sources.config().config().pipeline().outputs().stream()
        .map(o -> o.name()).toList();
    return List.of(
        capturing == null ? CaptureHealth.absent() : CaptureHealth.of(capturing.attached()),
        capturing == null ? StoreHealth.withoutWriter(sources.store(), sources.dataDir())
            : StoreHealth.withWriter(sources.store(), sources.dataDir(), capturing.writer()),
        sources.pipeline() == null ? PipelineHealth.notDelivering(outputNames)
            : new PipelineHealth(sources.pipeline().stats(), () -> sources.pipeline().outputNames()));
  }
}
