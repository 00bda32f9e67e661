package io.datasipper.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.config.ConfigSource;
import io.datasipper.server.ApiClient;
import io.datasipper.server.ApiParts;
import io.datasipper.server.LocalServer;
import io.datasipper.server.ServerSources;
import io.datasipper.store.EventStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's files as a browser gets them: the page, its hashed scripts and styles with the
 * right types and a long private cache, and a clear 404 for a file this build does not have. The
 * test class path holds a small stand-in build under the web module's folder.
 */
class UiPartTest {
  @TempDir Path dataDir;
  private EventStore store;
  private LocalServer server;
  private ApiClient api;

  @BeforeEach
  void start() throws Exception {
    store = EventStore.open(dataDir);
    server = LocalServer.start(0, ApiParts.of(new ServerSources(dataDir, store,
        ConfigSource.read(null, dataDir, UnaryOperator.identity()), null, null, null)));
    api = new ApiClient(server);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    store.close();
  }

  @Test
  void thePageIsServedAtTheRootAndNeverCached() throws Exception {
    HttpResponse<String> page = api.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(contentType(page)).isEqualTo("text/html;charset=utf-8");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    assertThat(page.body()).contains("<script type=\"module\" src=\"/assets/app-AbC12_-x.js\">");
  }

  @Test
  void hashedAssetsComeWithTheirTypeAndALongPrivateCache() throws Exception {
    HttpResponse<String> script = api.get("/assets/app-AbC12_-x.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(contentType(script)).isEqualTo("text/javascript;charset=utf-8");
    assertThat(script.headers().firstValue("Cache-Control")).hasValue(UiPart.IMMUTABLE);
    assertThat(script.body()).contains("stand-in");

    HttpResponse<String> style = api.get("/assets/app-Zz9_8-yY.css");
    assertThat(contentType(style)).isEqualTo("text/css;charset=utf-8");
    assertThat(style.body()).contains("#app");
  }

  @Test
  void aFileWithoutAHashInItsNameIsNotCached() throws Exception {
    HttpResponse<String> notes = ApiClient.unchecked(server).get("/assets/notes.txt");
    assertThat(notes.statusCode()).isEqualTo(200);
    assertThat(notes.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void anUnknownAssetIsA404NamingIt() throws Exception {
    HttpResponse<String> missing = api.get("/assets/index-OLDHASH1.js");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"error\":\"/assets/index-OLDHASH1.js: no such file in this dashboard build;"
        + " reload the page to get the current one\"}");
  }

  @Test
  void aPathOutOfTheAssetsFolderFindsNothing() throws Exception {
    for (String sneaky : new String[] {"/assets/..%2Findex.html", "/assets/..%2F..%2Fui%2Findex.html", "/assets/.hidden"}) {
      HttpResponse<String> answer = ApiClient.unchecked(server).get(sneaky);
      assertThat(answer.statusCode()).as(sneaky).isEqualTo(404);
      assertThat(answer.body()).as(sneaky).doesNotContain("<html");
    }
  }

  @Test
  void thePrintedUrlLeadsToThePageWithTheCookieAndTheAssetsLoadWithIt() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    HttpResponse<String> exchange = browser.send(HttpRequest.newBuilder(server.dashboardUrl()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(exchange.statusCode()).isEqualTo(303);
    assertThat(exchange.headers().firstValue("Location")).hasValue("/");
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(server.address() + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    HttpResponse<String> script = browser.send(HttpRequest.newBuilder(URI.create(server.address()
        + "/assets/app-AbC12_-x.js")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(script.statusCode()).isEqualTo(200);
  }

  @Test
  void withoutTheWebModuleOnTheClassPathThereIsNoDashboard() {
    ClassLoader empty = new ClassLoader(null) {};
    assertThat(UiPart.fromClassPath(empty, UiPart.CLASS_PATH_ROOT)).isEmpty();
    assertThat(UiPart.fromClassPath()).as("the stand-in build of the test class path").isPresent();
  }

  /** The Content-Type without spaces: Jetty writes some with a space after the semicolon, some without. */
  private static String contentType(HttpResponse<String> answer) {
    return answer.headers().firstValue("Content-Type").orElse("").replace(" ", "");
  }
}
