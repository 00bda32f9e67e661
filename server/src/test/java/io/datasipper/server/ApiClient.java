package io.datasipper.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls a running {@link LocalServer} the way a script does: with its token as a bearer token. */
public final class ApiClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final LocalServer server;

  public ApiClient(LocalServer server) {
    this.server = server;
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
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpClient http() {
    return http;
  }
}
