package io.datasipper.server.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.server.ServerSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each refusal of the request guard, shown on a real server with a part that has a page, a read, a write and a feed. */
class RequestGuardTest {
  private static final String EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
  private static final String EVIL = "http://evil.example";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static LocalServer server;
  private static ApiClient api;
  private static HttpClient anonymous;

  @BeforeAll
  static void start() {
    server = LocalServer.start(ServerSettings.onPort(0).withExtensionOrigins(List.of(EXTENSION)).withMaxBodyBytes(1024),
        List.of(new GuardedPart()));
    api = ApiClient.unchecked(server); // its routes are this test's own, not the API's
    anonymous = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void withoutATokenEveryRouteButHealthzAnswers401WithAJsonError() throws Exception {
    for (String path : List.of("/", "/api/thing", "/api/no-such-route")) {
      HttpResponse<String> answer = send(anonymous, HttpRequest.newBuilder(uri(path)));
      assertThat(answer.statusCode()).as(path).isEqualTo(401);
      assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      assertThat(answer.body()).as(path).startsWith("{\"error\":\"no token: send 'Authorization: Bearer <token>'");
    }
    assertThat(send(anonymous, HttpRequest.newBuilder(uri("/healthz"))).statusCode()).isEqualTo(200);
  }

  @Test
  void aWrongTokenIsRefusedWithoutBeingRepeated() throws Exception {
    String guess = "0".repeat(32);
    HttpResponse<String> bearer = send(anonymous, HttpRequest.newBuilder(uri("/api/thing")).header("Authorization", "Bearer " + guess));
    assertThat(bearer.statusCode()).isEqualTo(401);
    assertThat(bearer.body()).contains("Authorization: wrong token").doesNotContain(guess);
    HttpResponse<String> cookie = send(anonymous, HttpRequest.newBuilder(uri("/api/thing"))
        .header("Cookie", "datasipper_token_" + server.port() + "=" + guess));
    assertThat(cookie.statusCode()).isEqualTo(401);
    assertThat(cookie.body()).contains("earlier run").doesNotContain(guess);
    HttpResponse<String> exchange = send(anonymous, HttpRequest.newBuilder(uri("/?token=" + guess)));
    assertThat(exchange.statusCode()).isEqualTo(401);
    assertThat(exchange.headers().allValues("Set-Cookie")).isEmpty();
  }

  @Test
  void theDashboardUrlTradesItsTokenForACookieAndLeavesTheAddressWithoutIt() throws Exception {
    HttpResponse<String> exchange = send(anonymous, HttpRequest.newBuilder(uri("/?view=ws&token=" + server.token() + "&tab=2")));
    assertThat(exchange.statusCode()).isEqualTo(303);
    assertThat(exchange.headers().firstValue("Location")).hasValue("/?view=ws&tab=2");
    String setCookie = exchange.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("datasipper_token_" + server.port() + "=" + server.token())
        .contains("HttpOnly", "SameSite=Strict", "Path=/").doesNotContain("Secure");

    // A browser-like client: follows the redirect and keeps the cookie.
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(TIMEOUT).build();
    HttpResponse<String> page = send(browser, HttpRequest.newBuilder(server.dashboardUrl()));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().toString()).doesNotContain(server.token()).isEqualTo(server.address() + "/");
    assertThat(page.body()).isEqualTo(GuardedPart.PAGE);
    HttpResponse<String> apiWithCookie = send(browser, HttpRequest.newBuilder(uri("/api/thing")));
    assertThat(apiWithCookie.statusCode()).isEqualTo(200);
    HttpResponse<String> ownPost = send(browser, HttpRequest.newBuilder(uri("/api/echo"))
        .header("Origin", server.address().toString()).POST(HttpRequest.BodyPublishers.ofString("abc")));
    assertThat(ownPost.statusCode()).isEqualTo(200);
    assertThat(ownPost.body()).isEqualTo("{\"received_bytes\":3}");
    // The cookie alone, without an Origin to check, does not change anything.
    HttpResponse<String> scriptPost = send(browser, HttpRequest.newBuilder(uri("/api/echo"))
        .POST(HttpRequest.BodyPublishers.ofString("abc")));
    assertThat(scriptPost.statusCode()).isEqualTo(403);
    assertThat(scriptPost.body()).contains("Origin: missing");
  }

  @Test
  void aForeignHostIsRefusedEvenOnHealthz() throws Exception {
    int port = server.port();
    for (String path : List.of("/healthz", "/api/thing")) {
      String rebound = RawHttp.head(port, "GET " + path + " HTTP/1.1", "Host: evil.example:" + port,
          "Authorization: Bearer " + server.token(), "Connection: close");
      assertThat(rebound).as(path).startsWith("HTTP/1.1 403");
    }
    String wrongPort = RawHttp.head(port, "GET /healthz HTTP/1.1", "Host: 127.0.0.1:1", "Connection: close");
    assertThat(wrongPort).startsWith("HTTP/1.1 403");
    String localhost = RawHttp.head(port, "GET /api/thing HTTP/1.1", "Host: localhost:" + port,
        "Authorization: Bearer " + server.token(), "Connection: close");
    assertThat(localhost).startsWith("HTTP/1.1 200");
  }

  @Test
  void aStateChangingRequestFromAForeignOriginIsRefusedEvenWithTheToken() throws Exception {
    HttpResponse<String> foreign = api.send(api.request("/api/echo").header("Origin", EVIL)
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.body()).contains("Origin: 'http://evil.example' may not POST here");
    assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    HttpResponse<String> opaque = api.send(api.request("/api/echo").header("Origin", "null")
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(opaque.statusCode()).isEqualTo(403);

    HttpResponse<String> script = api.send(api.request("/api/echo").POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(script.statusCode()).isEqualTo(200);
    HttpResponse<String> extension = api.send(api.request("/api/echo").header("Origin", EXTENSION)
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(extension.statusCode()).isEqualTo(200);
    assertThat(extension.headers().firstValue("Access-Control-Allow-Origin")).hasValue(EXTENSION);
  }

  @Test
  void onlyTheAllowedExtensionGetsItsPreflightAnswered() throws Exception {
    HttpResponse<String> allowed = send(anonymous, preflight(EXTENSION));
    assertThat(allowed.statusCode()).isEqualTo(204);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(EXTENSION);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
        h -> assertThat(h).contains("Authorization"));
    HttpResponse<String> foreign = send(anonymous, preflight(EVIL));
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.headers().map()).doesNotContainKey("access-control-allow-origin");
    HttpResponse<String> foreignRead = api.send(api.request("/api/thing").header("Origin", EVIL));
    assertThat(foreignRead.headers().map()).doesNotContainKey("access-control-allow-origin");
  }

  @Test
  void aWebSocketFromAForeignOriginIsRefusedBeforeTheUpgrade() throws Exception {
    URI feed = URI.create("ws://127.0.0.1:" + server.port() + "/api/feed");
    Greeting greeting = new Greeting();
    WebSocket own = api.http().newWebSocketBuilder().header("Authorization", "Bearer " + server.token())
        .header("Origin", server.address().toString()).connectTimeout(TIMEOUT).buildAsync(feed, greeting)
        .get(10, TimeUnit.SECONDS);
    assertThat(greeting.first.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
    own.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);

    CompletableFuture<WebSocket> hijack = api.http().newWebSocketBuilder()
        .header("Authorization", "Bearer " + server.token()).header("Origin", EVIL).connectTimeout(TIMEOUT)
        .buildAsync(feed, new Greeting());
    assertThatThrownBy(() -> hijack.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    CompletableFuture<WebSocket> noToken = anonymous.newWebSocketBuilder().connectTimeout(TIMEOUT)
        .buildAsync(feed, new Greeting());
    assertThatThrownBy(() -> noToken.get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
  }

  @Test
  void theExtensionsFeedCarriesTheTokenAsASubprotocolAndAWrongOneIsRefused() throws Exception {
    URI feed = URI.create("ws://127.0.0.1:" + server.port() + "/api/feed");
    Greeting greeting = new Greeting();
    WebSocket panel = anonymous.newWebSocketBuilder().header("Origin", EXTENSION)
        .subprotocols("datasipper", "datasipper.token." + server.token()).connectTimeout(TIMEOUT)
        .buildAsync(feed, greeting).get(10, TimeUnit.SECONDS);
    assertThat(panel.getSubprotocol()).as("the protocol the server picked").isEqualTo("datasipper");
    assertThat(greeting.first.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
    panel.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);

    String guess = "0".repeat(32);
    CompletableFuture<WebSocket> wrong = anonymous.newWebSocketBuilder().header("Origin", EXTENSION)
        .subprotocols("datasipper", "datasipper.token." + guess).connectTimeout(TIMEOUT)
        .buildAsync(feed, new Greeting());
    assertThatThrownBy(() -> wrong.get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(WebSocketHandshakeException.class, e -> {
          assertThat(e.getResponse().statusCode()).isEqualTo(401);
          assertThat(String.valueOf(e.getResponse().body())).contains("Sec-WebSocket-Protocol: wrong token")
              .doesNotContain(guess);
        });
    HttpResponse<String> notAnUpgrade = send(anonymous, HttpRequest.newBuilder(uri("/api/thing"))
        .header("Sec-WebSocket-Protocol", "datasipper, datasipper.token." + server.token()));
    assertThat(notAnUpgrade.statusCode()).as("the subprotocol is no token outside an upgrade").isEqualTo(401);
    CompletableFuture<WebSocket> tokenAlone = anonymous.newWebSocketBuilder().header("Origin", EXTENSION)
        .subprotocols("datasipper.token." + server.token()).connectTimeout(TIMEOUT).buildAsync(feed, new Greeting());
    assertThatThrownBy(() -> tokenAlone.get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413WhetherItsLengthIsAnnouncedOrNot() throws Exception {
    HttpResponse<String> fits = api.send(api.request("/api/echo").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024])));
    assertThat(fits.body()).isEqualTo("{\"received_bytes\":1024}");
    HttpResponse<String> announced = api.send(api.request("/api/echo")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1025])));
    assertThat(announced.statusCode()).isEqualTo(413);
    assertThat(announced.body()).isEqualTo("{\"error\":\"request body: 1025 bytes is more than the limit of 1024 bytes\"}");
    HttpResponse<String> chunked = api.send(api.request("/api/echo")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[4096]))));
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(chunked.body()).isEqualTo("{\"error\":\"request body: more than the limit of 1024 bytes\"}");
  }

  @Test
  void everyAnswerCarriesAStrictContentSecurityPolicyAndIsNotCached() throws Exception {
    for (String path : List.of("/", "/api/thing", "/api/no-such-route")) {
      HttpResponse<String> answer = api.get(path);
      assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
          assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
              .doesNotContain("unsafe-inline", "unsafe-eval")
              .as("images only from the server, data: and the page's own blob: URLs")
              .containsPattern("(^|; )img-src 'self' data: blob:(;|$)"));
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(answer.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
      assertThat(answer.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
    }
    HttpResponse<String> missing = api.get("/api/no-such-route");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).startsWith("{\"error\":");
  }

  @Test
  void theTokenIsNeverLogged() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      send(anonymous, HttpRequest.newBuilder(server.dashboardUrl()));
      api.get("/api/no-such-route");
      api.send(api.request("/api/echo").POST(HttpRequest.BodyPublishers.ofInputStream(
          () -> new ByteArrayInputStream(new byte[4096]))));
      send(anonymous, HttpRequest.newBuilder(uri("/api/thing")).header("Authorization", "Bearer " + server.token() + "x"));
    } finally {
      System.setErr(err);
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).as("what the server logged")
        .isNotEmpty() // the oversize chunked body is logged: the capture works
        .doesNotContain(server.token());
  }

  private static HttpRequest.Builder preflight(String origin) {
    return HttpRequest.newBuilder(uri("/api/echo")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin).header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type");
  }

  private static URI uri(String path) {
    return URI.create(server.address() + path);
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
    return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Keeps the first text message the feed sends. */
  private static final class Greeting implements WebSocket.Listener {
    final CompletableFuture<String> first = new CompletableFuture<>();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      first.complete(data.toString());
      return WebSocket.Listener.super.onText(webSocket, data, last);
    }
  }
}
