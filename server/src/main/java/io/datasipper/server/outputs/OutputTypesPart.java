package io.datasipper.server.outputs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.api.output.OutputFactory;
import io.datasipper.api.output.SettingSpec;
import io.datasipper.pipeline.Outputs;
import io.datasipper.server.ApiError;
import io.datasipper.server.ServerPart;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /api/output-types}: every output type on the class path and in the plugin folder with
 * the settings its factory describes, which the dashboard builds its output form from, and the
 * plugins that were left out and why. The types are those the config loader knows, found the same
 * way, so the form offers exactly what a saved config may use, a plugin installed since the start
 * included.
 */
public final class OutputTypesPart implements ServerPart {
  private final Supplier<Outputs> outputs;

  /** @param outputs the output types as the config loader finds them now: asked at each request */
  public OutputTypesPart(Supplier<Outputs> outputs) {
    this.outputs = outputs;
  }

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/api/output-types", ApiError.answering(this::list));
  }

  private void list(Context ctx) throws Exception {
    Outputs now = outputs.get();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("types", json(now.factories()));
    ObjectNode plugins = body.putObject("plugins").put("folder", now.pluginFolder().toString());
    ArrayNode problems = plugins.putArray("problems");
    now.problems().forEach(problems::add);
    ApiError.send(ctx, 200, body);
  }

  private static ArrayNode json(List<OutputFactory> factories) {
    ArrayNode types = JsonNodeFactory.instance.arrayNode();
    for (OutputFactory factory : factories) {
      ObjectNode type = types.addObject();
      type.put("type", factory.type());
      ArrayNode settings = type.putArray("settings");
      factory.settings().forEach(s -> settings.add(json(s)));
    }
    return types;
  }

  private static ObjectNode json(SettingSpec spec) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("name", spec.name());
    node.put("kind", spec.kind().label());
    node.put("required", spec.required());
    node.set("default", ApiError.JSON.valueToTree(spec.defaultValue()));
    ArrayNode choices = node.putArray("choices");
    spec.choices().forEach(choices::add);
    node.put("min", spec.min());
    node.put("max", spec.max());
    node.put("help", spec.help());
    return node;
  }
}
