package io.datasipper.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls a running {@link LocalServer} the way a script does: with its token as a bearer token. Each
 * answer is checked against the OpenAPI document (its route, status and JSON schema), so every
 * test's requests also test the document.
 */
public final class ApiClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final LocalServer server;
  private final boolean checked;

  public ApiClient(LocalServer server) {
    this(server, true);
  }

  private ApiClient(LocalServer server, boolean checked) {
    this.server = server;
    this.checked = checked;
  }

  /** A client for routes the API does not offer (a test's own), whose answers are not checked. */
  public static ApiClient unchecked(LocalServer server) {
    return new ApiClient(server, false);
  }

  /** A request to {@code path} (with its query) on the server, carrying the token. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.address() + path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + server.token());
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (checked) {
      OpenApiContract.check(response.request().method(), response.uri().getPath(), response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null), response.body());
    }
    return response;
  }

  public HttpClient http() {
    return http;
  }
}
