package io.datasipper.server.rules;

import io.datasipper.route.RuleLanguage;
import io.datasipper.server.ApiError;
import io.datasipper.server.ServerPart;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/rules/schema}: the stream-rule language's fields and operators, as the route
 * module lists them, so that the dashboard's rule builder offers what the parser accepts and
 * follows the language when it grows.
 */
public final class RulesPart implements ServerPart {
  /** The answer's shape (rules.json's RuleSchema); the fields are the route module's records as they are. */
  private record Schema(List<RuleLanguage.FieldInfo> fields, List<Map<String, String>> operators, List<String> logic) {}

  /** Built once: the language does not change while the server runs. */
  private final Schema schema = new Schema(RuleLanguage.fields(),
      RuleLanguage.operators().stream()
          .map(o -> Map.of("key", o.key(), "value", o.value().name().toLowerCase(Locale.ROOT))).toList(),
      List.of("AND", "OR"));

  @Override
  public void addRoutes(RoutesConfig routes) {
    routes.get("/api/rules/schema", ctx -> ApiError.send(ctx, 200, schema));
  }
}
