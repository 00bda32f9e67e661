package io.datasipper.server;

import io.datasipper.server.openapi.OpenApiPart;
import java.util.List;

/** Every part of the local API, built from what the running command offers. */
public final class ApiParts {
  private ApiParts() {}

  public static List<ServerPart> of(ServerSources sources) {
    return List.of(new OpenApiPart());
  }
}
