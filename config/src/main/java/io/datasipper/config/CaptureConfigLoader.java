package io.datasipper.config;

import io.datasipper.api.config.ConfigValue;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.redact.RedactRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads the capture section of a YAML config file into {@link CaptureRules}:
 *
 * <pre>
 * capture:
 *   urls: {include: ["*&#47;api/*"], exclude: ["*.png"]}
 *   resource_types: {include: [xhr, fetch, document, websocket], exclude: []}
 *   mime_types: {include: [], exclude: ["font/*"]}
 *   bodies: {max_bytes: 1MiB, include_mime_types: [], exclude_mime_types: ["image/*", "video/*"]}
 *   keep_secrets: false
 *   redact:
 *     use_defaults: true
 *     headers: [X-Session]
 *     query_params: [ticket]
 *     json_keys: [pin]
 *     json_paths: ["$.card.number"]
 *     url_patterns: ["/reset/([^/?#]+)"]
 *     text_patterns: ["ssn=(\\d+)"]
 * </pre>
 *
 * Every key is optional and left-out keys keep {@link CaptureRules#defaults()}. The whole file is
 * checked here, once: unknown keys, wrong types and unknown values are rejected with a
 * {@link ConfigException} rather than ignored.
 */
public final class CaptureConfigLoader {
  /** Chromium's resource types (CDP {@code Network.ResourceType}), in lower case. */
  static final List<String> RESOURCE_TYPES = List.of("document", "stylesheet", "image", "media", "font", "script",
      "texttrack", "xhr", "fetch", "prefetch", "eventsource", "websocket", "manifest", "signedexchange", "ping",
      "cspviolationreport", "preflight", "other");

  /** A body is held in memory whole, in one array, which holds less than 2 GiB: a larger limit means nothing. */
  static final long MAX_BODY_BYTES = 2L << 30;

  private static final List<String> CAPTURE_KEYS =
      List.of("urls", "resource_types", "mime_types", "bodies", "keep_secrets", "redact");
  private static final List<String> FILTER_KEYS = List.of("include", "exclude");
  private static final List<String> BODIES_KEYS = List.of("max_bytes", "include_mime_types", "exclude_mime_types");
  private static final List<String> REDACT_KEYS = List.of("use_defaults", "headers", "query_params", "json_keys",
      "json_paths", "url_patterns", "text_patterns");

  private CaptureConfigLoader() {}

  /**
   * The capture rules of a config file (the defaults when it has no capture section).
   *
   * @throws ConfigException naming the file, the key, the bad value and what is allowed
   */
  public static CaptureRules load(Path file) {
    return ConfigLoader.load(file).capture();
  }

  /** The rules of a {@code capture} section; null gives the defaults. */
  static CaptureRules rules(ConfigValue node) {
    return node == null ? CaptureRules.defaults() : rules(node.mapping(CAPTURE_KEYS));
  }

  private static CaptureRules rules(Map<String, ConfigValue> capture) {
    Filter urls = filter(capture.get("urls"), "URL patterns", ConfigValue::nonBlankString);
    Filter types = filter(capture.get("resource_types"), "resource types", CaptureConfigLoader::resourceType);
    Filter mimes = filter(capture.get("mime_types"), "mime type patterns", ConfigValue::nonBlankString);
    Map<String, ConfigValue> bodies = optional(capture.get("bodies")).map(b -> b.mapping(BODIES_KEYS)).orElse(Map.of());
    long maxBodyBytes = optional(bodies.get("max_bytes")).map(n -> n.byteSize(0, MAX_BODY_BYTES))
        .orElse(CaptureRules.DEFAULT_MAX_BODY_BYTES);
    List<String> bodyMimeInclude = mimePatterns(bodies.get("include_mime_types"));
    List<String> bodyMimeExclude = mimePatterns(bodies.get("exclude_mime_types"));
    boolean keepSecrets = optional(capture.get("keep_secrets")).map(ConfigValue::bool).orElse(false);
    return new CaptureRules(urls.include(), urls.exclude(), types.include(), types.exclude(), mimes.include(),
        mimes.exclude(), maxBodyBytes, bodyMimeInclude, bodyMimeExclude, keepSecrets)
        .withRedact(redact(capture.get("redact")));
  }

  /** The user's lists are added to the default set, unless {@code use_defaults: false}. */
  private static RedactRules redact(ConfigValue node) {
    Map<String, ConfigValue> keys = optional(node).map(n -> n.mapping(REDACT_KEYS)).orElse(Map.of());
    boolean useDefaults = optional(keys.get("use_defaults")).map(ConfigValue::bool).orElse(true);
    RedactRules mine = new RedactRules(
        strings(keys.get("headers"), "header names", ConfigValue::nonBlankString),
        strings(keys.get("query_params"), "parameter names", ConfigValue::nonBlankString),
        strings(keys.get("json_keys"), "JSON key names", ConfigValue::nonBlankString),
        strings(keys.get("json_paths"), "JSON paths", n -> checked(n, RedactRules::checkJsonPath)),
        strings(keys.get("url_patterns"), "regular expressions", n -> checked(n, RedactRules::checkPattern)),
        strings(keys.get("text_patterns"), "regular expressions", n -> checked(n, RedactRules::checkPattern)));
    return useDefaults ? RedactRules.DEFAULTS.plus(mine) : mine;
  }

  private static String checked(ConfigValue node, Consumer<String> check) {
    String value = node.nonBlankString();
    try {
      check.accept(value);
    } catch (IllegalArgumentException e) {
      throw node.error(node.shown() + " " + e.getMessage());
    }
    return value;
  }

  private record Filter(List<String> include, List<String> exclude) {}

  private static Filter filter(ConfigValue node, String items, Function<ConfigValue, String> item) {
    Map<String, ConfigValue> keys = optional(node).map(n -> n.mapping(FILTER_KEYS)).orElse(Map.of());
    return new Filter(strings(keys.get("include"), items, item), strings(keys.get("exclude"), items, item));
  }

  private static List<String> mimePatterns(ConfigValue node) {
    return strings(node, "mime type patterns", ConfigValue::nonBlankString);
  }

  private static List<String> strings(ConfigValue node, String items, Function<ConfigValue, String> item) {
    return optional(node).map(n -> n.list(items + YamlFile.LIST_EXAMPLE).stream().map(item).toList()).orElse(List.of());
  }

  private static String resourceType(ConfigValue node) {
    String type = node.nonBlankString().toLowerCase(Locale.ROOT);
    if (!RESOURCE_TYPES.contains(type)) {
      throw node.error(node.shown() + " is not a resource type; expected one of " + String.join(", ", RESOURCE_TYPES));
    }
    return type;
  }

  private static Optional<ConfigValue> optional(ConfigValue node) {
    return Optional.ofNullable(node);
  }
}
