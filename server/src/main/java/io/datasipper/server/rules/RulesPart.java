package io.datasipper.server.rules;

import io.datasipper.route.RuleLanguage;
import io.datasipper.server.ApiError;
import io.datasipper.server.ServerPart;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/rules/schema}: the stream-rule language's fields and operators, as the route
 * module lists them, so that the dashboard's rule builder offers what the parser accepts and
 * follows the language when it grows.
 */
public final class RulesPart implements ServerPart {
  /** Built once: the language does not change while the server runs. */
  private final Map<String, Object> schema = Map.of(
      "fields", RuleLanguage.fields().stream().map(f -> {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("name", f.name());
        field.put("prefix", f.prefix());
        field.put("types", f.types());
        return field;
      }).toList(),
      "operators", RuleLanguage.operators().stream()
          .map(o -> Map.of("key", o.key(), "value", o.value().name().toLowerCase(Locale.ROOT))).toList(),
      "logic", List.of("AND", "OR"));

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/api/rules/schema", ctx -> ApiError.send(ctx, 200, schema));
  }
}
