package io.datasipper.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.datasipper.config.ConfigEditor;
import io.datasipper.config.ConfigException;
import io.datasipper.config.ConfigLoader;
import io.datasipper.config.Reload;
import io.datasipper.server.ApiError;
import io.datasipper.server.ServerPart;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/config} and {@code PUT /api/config}: the config file the command follows, and
 * replacing it. An edit is checked exactly as the commands check the file, written atomically and
 * reloaded as a saved file is (see {@link ConfigEditor}). Every edit names the version it was made
 * from in {@code If-Match} (the {@code ETag} of the GET): a stale one gets 409.
 */
public final class ConfigPart implements ServerPart {
  /** The body types a PUT takes: the file's YAML, or JSON of the same structure (written as YAML). */
  static final List<String> YAML_TYPES = List.of("text/yaml", "application/yaml", "application/x-yaml");
  static final String JSON_TYPE = "application/json";
  private static final YAMLMapper YAML =
      YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE) // a transform's lines stay lines
          .build();

  private final ConfigEditor editor;
  /** The last version checked, with its check: a GET does not load the transforms again for the same file. */
  private Checked checked;

  private record Checked(String version, String error) {}

  /**
   * @param editor the command's config file; made without a pipeline to follow it ({@code serve}
   *     without {@code --deliver}), an edit only writes the file
   */
  public ConfigPart(ConfigEditor editor) {
    this.editor = editor;
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/api/config", ApiError.answering(this::get));
    routes.put("/api/config", ApiError.answering(this::put));
  }

  private void get(Context ctx) throws Exception {
    ConfigEditor.Snapshot now = snapshot();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("file", now.file().toString());
    body.put("exists", now.exists());
    body.put("version", now.version());
    body.put("yaml", now.text());
    String error = now.exists() ? check(now) : null;
    body.put("valid", error == null);
    body.put("error", error);
    JsonNode tree = now.exists() ? tree(now.text()) : null;
    body.set("streams", section(tree, "streams", JsonNodeFactory.instance.arrayNode()));
    body.set("outputs", section(tree, "outputs", JsonNodeFactory.instance.objectNode()));
    body.put("pipeline_runs", editor.reloads());
    ctx.header("ETag", etag(now.version()));
    ApiError.send(ctx, 200, body);
  }

  private void put(Context ctx) throws Exception {
    String ifMatch = ctx.header("If-Match");
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ApiError(428, "If-Match: missing; send the version GET /api/config gave (its ETag), \""
          + ConfigEditor.NO_FILE + "\" to create the file, or * to replace whatever it holds");
    }
    String text = text(ctx);
    ConfigEditor.Saved saved;
    try {
      saved = editor.save(text, unquoted(ifMatch.strip()));
    } catch (ConfigEditor.StaleVersionException e) {
      ctx.header("ETag", etag(e.current()));
      throw new ApiError(409, "If-Match: " + e.getMessage());
    } catch (ConfigException e) {
      throw new ApiError(400, e.getMessage()); // names the file, the key path and the reason
    } catch (UncheckedIOException e) {
      throw new ApiError(500, e.getMessage());
    }
    synchronized (this) {
      checked = new Checked(saved.version(), null);
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("file", saved.file().toString());
    body.put("version", saved.version());
    body.put("streams", saved.config().pipeline().streams().size());
    body.put("outputs", saved.config().pipeline().outputs().size());
    body.set("reload", reload(saved.reload()));
    ctx.header("ETag", etag(saved.version()));
    ApiError.send(ctx, 200, body);
  }

  /** The new config as YAML text: as sent, or JSON turned into YAML so that the file stays YAML. */
  private static String text(Context ctx) {
    String type = ctx.contentType() == null ? "" : ctx.contentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
    if (YAML_TYPES.contains(type)) {
      return ctx.body();
    }
    if (type.equals(JSON_TYPE)) {
      JsonNode json;
      try {
        json = ApiError.JSON.readTree(ctx.body());
      } catch (JsonProcessingException e) {
        String at = e.getLocation() == null ? ""
            : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        throw new ApiError(400, "body: not valid JSON" + at + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
      }
      if (json == null || !json.isObject()) {
        throw new ApiError(400, "body: expected a JSON object with capture, store, streams or outputs");
      }
      try {
        return YAML.writeValueAsString(json);
      } catch (JsonProcessingException e) {
        throw new ApiError(400, "body: cannot be written as YAML: " + e.getOriginalMessage());
      }
    }
    throw new ApiError(415, "Content-Type: '" + type + "' is not a config; send " + String.join(", ", YAML_TYPES)
        + " or " + JSON_TYPE);
  }

  private static ObjectNode reload(Reload reload) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (reload == null) {
      node.put("outcome", "not_running");
      node.putNull("streams");
      node.putNull("outputs");
      node.put("message", "no pipeline runs here: the file is read when one starts");
      node.putNull("error");
      return node;
    }
    node.put("outcome", reload.outcome().name().toLowerCase(Locale.ROOT));
    node.put("streams", reload.streams());
    node.put("outputs", reload.outputs());
    node.put("message", reload.message());
    boolean failed = reload.outcome() == Reload.Outcome.INVALID || reload.outcome() == Reload.Outcome.NOT_STARTED;
    node.put("error", failed ? reload.message() : null);
    return node;
  }

  private ConfigEditor.Snapshot snapshot() {
    try {
      return editor.current();
    } catch (UncheckedIOException e) {
      throw new ApiError(500, e.getMessage());
    }
  }

  /** Whether the file as it is would load, as the commands check it: null if so, else why not. */
  private synchronized String check(ConfigEditor.Snapshot now) {
    if (checked == null || !checked.version().equals(now.version())) {
      String error = null;
      try {
        ConfigLoader.load(now.file(), now.text());
      } catch (ConfigException e) {
        error = e.getMessage();
      }
      checked = new Checked(now.version(), error);
    }
    return checked.error();
  }

  private static JsonNode tree(String text) {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      return null; // the check says why
    }
  }

  private static JsonNode section(JsonNode tree, String name, JsonNode empty) {
    JsonNode node = tree == null ? null : tree.get(name);
    return node != null && node.getNodeType() == empty.getNodeType() ? node : empty;
  }

  private static String etag(String version) {
    return "\"" + version + "\"";
  }

  private static String unquoted(String tag) {
    String t = tag.startsWith("W/") ? tag.substring(2) : tag;
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }
}
