package io.datasipper.server.ui;

import io.datasipper.server.FirstRequest;
import io.datasipper.server.ServerPart;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dashboard: {@code GET /} answers its {@code index.html}, {@code GET /assets/{file}} its
 * scripts and styles, from the class path where the web module's jar puts them. The server does
 * not depend on that module: a command whose class path has it (the CLI) serves the dashboard, a
 * build without it serves the API alone.
 *
 * <p>Caching: the guard marks every answer {@code no-store}, because answers hold captured
 * traffic. The index stays so (it names the current build's files, and a stale one after an
 * upgrade would load files that are gone). A file whose name carries its content's hash holds no
 * traffic and never changes under that name, so it is kept a year, privately (it is behind the
 * token): a reload then costs one small request.
 */
public final class UiPart implements ServerPart {
  /** Where the web module's build lands in its jar. */
  public static final String CLASS_PATH_ROOT = "io/datasipper/web/ui";
  static final String IMMUTABLE = "private, max-age=31536000, immutable";
  /** Vite names a built file {@code <name>-<hash>.<ext>}, the hash 8 characters of base64url. */
  private static final Pattern HASHED = Pattern.compile(".+-[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9]+");

  /** A file {@code index.html} loads: its script and stylesheet. */
  private static final Pattern LOADED = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");

  private final UiFiles files;

  private UiPart(UiFiles files) {
    this.files = files;
  }

  /** The dashboard found on this class path under {@link #CLASS_PATH_ROOT}, or empty if this build has none. */
  public static Optional<UiPart> fromClassPath() {
    return fromClassPath(UiPart.class.getClassLoader(), CLASS_PATH_ROOT);
  }

  static Optional<UiPart> fromClassPath(ClassLoader loader, String root) {
    UiFiles files = new UiFiles(loader, root);
    return files.present() ? Optional.of(new UiPart(files)) : Optional.empty();
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/", ctx -> ctx.contentType(ContentTypes.of("index.html")).result(files.index()));
    routes.get("/assets/{file}", this::asset);
  }

  /** The index and the files it loads, as a browser opening the dashboard asks for them. */
  @Override
  public List<FirstRequest> firstRequests() {
    String index = new String(files.index(), StandardCharsets.UTF_8);
    return Stream.concat(Stream.of("/"), LOADED.matcher(index).results().map(found -> found.group(1)))
        .map(FirstRequest::get).toList();
  }

  private void asset(Context ctx) {
    String name = ctx.pathParam("file");
    Optional<byte[]> bytes = files.asset(name);
    if (bytes.isEmpty()) {
      ctx.status(404).json(Map.of("error", "/assets/" + name
          + ": no such file in this dashboard build; reload the page to get the current one"));
      return;
    }
    if (HASHED.matcher(name).matches()) {
      ctx.header("Cache-Control", IMMUTABLE);
    }
    ctx.contentType(ContentTypes.of(name)).result(bytes.get());
  }
}
