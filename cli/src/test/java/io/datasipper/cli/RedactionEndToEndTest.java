package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.store.EventQuery;
import io.datasipper.store.EventStore;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code datasipper sip} of a page that sends a secret in every place one travels: the page's own
 * URL (query and fragment), request URLs, token headers, JSON and form bodies, a JSON response, a
 * redirect whose Location carries a code, a WebSocket URL, subprotocol and frames, plus values the
 * config's own rules name. None of them may reach the data directory or the log; the values around
 * them stay as they were.
 */
class RedactionEndToEndTest {
  /** Every secret the page sends or receives: each is unique, so finding it anywhere is a leak. */
  static final List<String> SECRETS = List.of("QS1secret", "FR2secret", "QS3secret", "HD4secret", "HD5secret",
      "HD6secret", "HD7secret", "HD8secret", "BD9secret", "BD10secret", "RS11secret", "FM12secret", "LC13secret",
      "WU14secret", "WP15secret", "WF16secret", "WF17secret", "JP18secret", "UP19secret", "TX20secret",
      "MP21secret");
  /** Values next to the secrets that are nobody's secret. */
  static final List<String> KEPT = List.of("page=2", "state=keepstate", "lang=en", "keep-header", "keep-body",
      "keep-scope", "user=ann", "state=keepstate2", "keep-room", "keep-name", "/confirm", "internal-id:", "expires_in", "keep-user");

  /**
   * The page learns its secrets from {@code /api/session}, whose JSON names each one by a key the
   * default rules redact, as a login response would; they then travel in every other place.
   */
  static final String SESSION = """
      {"api_key":"HD4secret","auth_token":"HD5secret","csrf_token":"HD6secret","session_token":"HD7secret",
       "accessToken":"HD8secret","password":"BD9secret","refresh_token":"BD10secret","client_secret":"FM12secret",
       "id_token":"QS3secret","secret":"WU14secret","authToken":"WP15secret","token":"WF16secret",
       "privateKey":"UP19secret","passwd":"MP21secret","user":"keep-user"}""";

  static final String PAGE = """
      <!doctype html><title>secrets</title><script>
      (async () => {
        const s = await fetch('/api/session').then(r => r.json());
        await fetch('/api/login?api_key=' + s.id_token + '&lang=en', {method: 'POST', headers: {
          'X-Api-Key': s.api_key, 'X-Auth-Token': s.auth_token, 'X-CSRF-Token': s.csrf_token,
          'X-Amz-Security-Token': s.session_token, 'Authorization': 'Bearer ' + s.accessToken,
          'X-Plain': 'keep-header', 'Content-Type': 'application/json'},
          body: JSON.stringify({user: 'ann', password: s.password, nested: {refresh_token: s.refresh_token},
            note: 'keep-body'})}).then(r => r.text());
        await fetch('/api/form', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
          body: 'user=ann&client_secret=' + s.client_secret}).then(r => r.text());
        const form = new FormData();
        form.append('user', 'keep-multipart-user');
        form.append('passwd', s.passwd);
        await fetch('/api/multipart', {method: 'POST', body: form}).then(r => r.text());
        await fetch('/redirect/login').then(r => r.text());
        await fetch('/reset/' + s.privateKey + '/confirm').then(r => r.text());
        await new Promise(done => {
          const ws = new WebSocket('ws://' + location.host + '/ws?token=' + s.secret,
            ['chat', 'base64url.bearer.authorization.k8s.io.' + s.authToken]);
          ws.onopen = () => ws.send(JSON.stringify({type: 'auth', token: s.token, room: 'keep-room'}));
          ws.onmessage = () => { ws.close(); done(); };
          ws.onerror = () => done();
        });
        await fetch('/api/done');
      })();
      </script>""";

  @TempDir static Path dataDir;
  static Javalin site;
  static final List<String> received = new CopyOnWriteArrayList<>();
  static String output;
  static final List<CaptureEvent> stored = new ArrayList<>();

  @BeforeAll
  static void sipThePageThatSendsSecrets() throws Exception {
    site = startSite();
    String origin = "http://127.0.0.1:" + site.port();
    Files.writeString(dataDir.resolve("datasipper.yaml"), """
        capture:
          redact:
            json_paths: ["$.profile.pin"]
            url_patterns: ["/reset/([^/?#]+)"]
            text_patterns: ["internal-id:(\\\\w+)"]
        """);
    Path log = Files.createTempFile("sip-redact", ".log");
    Process sip = CliProcess.sip(List.of(origin + "/secrets.html?access_token=QS1secret&page=2"
            + "#id_token=FR2secret&state=keepstate", "--data-dir", dataDir.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      awaitHit("/api/done", log);
      Thread.sleep(1_000); // the last exchange's events are on their way to the store
      sip.destroy(); // SIGTERM: a clean stop
      assertThat(sip.waitFor(60, TimeUnit.SECONDS)).as("sip exits after SIGTERM").isTrue();
    } finally {
      sip.destroyForcibly();
    }
    output = Files.readString(log);
    try (EventStore store = EventStore.open(dataDir)) {
      store.scan(EventQuery.all(), stored::add);
    }
  }

  private static Javalin startSite() {
    return Javalin.create(cfg -> {
      cfg.jetty.host = "127.0.0.1";
      cfg.startup.showJavalinBanner = false;
      cfg.routes.before(ctx -> received.add(ctx.fullUrl() + " " + ctx.headerMap() + " " + ctx.body()));
      cfg.routes.wsBeforeUpgrade("/ws", ctx -> {
        received.add(ctx.fullUrl() + " " + ctx.headerMap());
        // The page offers two subprotocols; the server picks the plain one, as a real server would.
        ctx.header("Sec-WebSocket-Protocol", "chat");
      });
      cfg.routes.get("/secrets.html", ctx -> ctx.html(PAGE));
      cfg.routes.get("/api/session", ctx -> ctx.contentType("application/json").result(SESSION));
      cfg.routes.post("/api/login", ctx -> ctx.contentType("application/json").result(
          "{\"access_token\":\"RS11secret\",\"expires_in\":3600,\"scope\":\"keep-scope\","
              + "\"profile\":{\"pin\":\"JP18secret\",\"name\":\"keep-name\"}}"));
      cfg.routes.post("/api/form", ctx -> ctx.contentType("text/plain").result("internal-id:TX20secret"));
      cfg.routes.post("/api/multipart", ctx -> ctx.result("uploaded"));
      cfg.routes.get("/redirect/login", ctx -> ctx.redirect("/callback?code=LC13secret&state=keepstate2"));
      cfg.routes.get("/callback", ctx -> ctx.result("signed in"));
      cfg.routes.get("/reset/{token}/confirm", ctx -> ctx.result("reset"));
      cfg.routes.get("/api/done", ctx -> ctx.result("done"));
      cfg.routes.ws("/ws", ws -> ws.onMessage(m -> {
        received.add("ws " + m.message());
        m.send("{\"session_token\":\"WF17secret\",\"ok\":true}");
      }));
    }).start(0);
  }

  private static void awaitHit(String path, Path log) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (received.stream().noneMatch(r -> r.contains(path))) {
      assertThat(System.nanoTime()).as("the page reached %s; sip printed: %s", path, Files.readString(log))
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stopSite() {
    site.stop();
  }

  @Test
  void thePageReallySentEverySecretItCould() {
    String all = String.join("\n", received);
    // A browser keeps the fragment to itself, and the server's own answers are not in what it received.
    for (String secret : SECRETS.stream().filter(s -> !List.of("FR2secret", "RS11secret", "WF17secret", "JP18secret",
        "TX20secret", "LC13secret").contains(s)).toList()) {
      assertThat(all).as("the site received %s", secret).contains(secret);
    }
    assertThat(all).contains("LC13secret"); // the redirect was followed
  }

  @Test
  void noSecretReachesTheDataDirectoryOrTheLog() throws IOException {
    assertThat(stored).as("events were stored").isNotEmpty();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dataDir)) {
      // The browser's own profile is the browser's, not a DataSipper store.
      files = walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(dataDir.resolve("profile"))).toList();
    }
    assertThat(files).extracting(p -> p.getFileName().toString()).contains("events.db");
    for (Path file : files) {
      String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String secret : SECRETS) {
        assertThat(raw).as("%s holds %s", dataDir.relativize(file), secret).doesNotContain(secret);
      }
    }
    String json = String.join("\n", stored.stream().map(EventJson::write).toList());
    for (String secret : SECRETS) {
      assertThat(json).as("the stored events hold %s", secret).doesNotContain(secret);
      assertThat(output).as("sip's output holds %s", secret).doesNotContain(secret);
    }
    for (String value : KEPT) {
      assertThat(json).as("the stored events keep %s", value).contains(value);
    }
    // Bodies kept as base64 (a multipart form) would hide a secret from a plain search.
    String bodies = String.join("\n", stored.stream().flatMap(RedactionEndToEndTest::bodies)
        .map(b -> new String(b.bytes(), StandardCharsets.ISO_8859_1)).toList());
    assertThat(bodies).contains("keep-multipart-user");
    for (String secret : SECRETS) {
      assertThat(bodies).as("the decoded bodies hold %s", secret).doesNotContain(secret);
    }
  }

  @Test
  void theHarExportShowsRedactedQueryValuesAndNoSecret() throws IOException {
    Path har = dataDir.resolve("capture.har");
    CliRunner run = CliRunner.run("export", "har", "-o", har.toString(), "--data-dir", dataDir.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String text = Files.readString(har);
    for (String secret : SECRETS) {
      assertThat(text).as("the HAR holds %s", secret).doesNotContain(secret);
    }
    List<String> query = new ArrayList<>();
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(text).path("log").path("entries")
        .forEach(entry -> entry.path("request").path("queryString")
            .forEach(q -> query.add(q.path("name").asText() + "=" + q.path("value").asText())));
    assertThat(query).contains("code=[redacted]", "state=keepstate2", "api_key=[redacted]", "lang=en");
  }

  private static Stream<io.datasipper.api.event.Body> bodies(CaptureEvent e) {
    if (e instanceof HttpEvent h) {
      return Stream.of(h.request() == null ? null : h.request().body(), h.response() == null ? null : h.response().body())
          .filter(java.util.Objects::nonNull);
    }
    return e instanceof WsFrameEvent f ? Stream.of(f.payload()) : Stream.empty();
  }

  @Test
  void everyKindOfPlaceWasCapturedAndRedacted() {
    HttpEvent login = http("/api/login");
    assertThat(login.url()).endsWith("/api/login?api_key=%5Bredacted%5D&lang=en");
    assertThat(header(login.request().headers(), "x-api-key")).isEqualTo("[redacted]");
    assertThat(header(login.request().headers(), "referer")).contains("access_token=%5Bredacted%5D&page=2");
    assertThat(login.source().documentUrl()).contains("access_token=%5Bredacted%5D&page=2");
    assertThat(http("/secrets.html").url()).endsWith("?access_token=%5Bredacted%5D&page=2"
        + "#id_token=%5Bredacted%5D&state=keepstate");
    assertThat(login.initiator().url()).contains("access_token=%5Bredacted%5D");
    assertThat(login.request().body().data()).contains("\"password\":\"[redacted]\"", "\"note\":\"keep-body\"");
    assertThat(login.response().body().data()).contains("\"pin\":\"[redacted]\"", "\"name\":\"keep-name\"");

    HttpEvent callback = http("/callback");
    assertThat(callback.url()).endsWith("/callback?code=%5Bredacted%5D&state=keepstate2");
    assertThat(callback.redirects()).singleElement()
        .satisfies(r -> assertThat(r.location()).isEqualTo("/callback?code=%5Bredacted%5D&state=keepstate2"));

    assertThat(stored).filteredOn(WsOpenEvent.class::isInstance).map(WsOpenEvent.class::cast).singleElement()
        .satisfies(open -> {
          assertThat(open.url()).endsWith("/ws?token=%5Bredacted%5D");
          assertThat(header(open.requestHeaders(), "sec-websocket-protocol")).isEqualTo("chat, [redacted]");
        });
    assertThat(stored).filteredOn(WsFrameEvent.class::isInstance).map(e -> ((WsFrameEvent) e).payload().data())
        .contains("{\"type\":\"auth\",\"token\":\"[redacted]\",\"room\":\"keep-room\"}",
            "{\"session_token\":\"[redacted]\",\"ok\":true}");
  }

  private static HttpEvent http(String path) {
    return stored.stream().filter(e -> e instanceof HttpEvent h && java.net.URI.create(h.url()).getPath().equals(path))
        .map(HttpEvent.class::cast).findFirst().orElseThrow(() -> new AssertionError("no event of " + path));
  }

  private static String header(List<io.datasipper.api.event.EventHeader> headers, String name) {
    return io.datasipper.api.event.EventHeader.find(headers, name);
  }
}
