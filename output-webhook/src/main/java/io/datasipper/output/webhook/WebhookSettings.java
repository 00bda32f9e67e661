package io.datasipper.output.webhook;

import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputSettings;
import io.datasipper.api.output.RedactedUrl;
import io.datasipper.api.output.SettingSpec;
import io.datasipper.api.output.SettingSpec.Kind;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checked settings: {@code url} (http or https), {@code headers} (name to value, sent with
 * every request), {@code timeout_ms} (per request, from sending to the end of the answer; default 10000), {@code mode} ({@code batch}: one POST of a JSON array per batch, the
 * default; {@code single}: one POST per record) and {@code hmac_secret} (signs each body).
 */
record WebhookSettings(URI url, Map<String, String> headers, Duration timeout, boolean batch, byte[] hmacSecret) {
  private static final SettingSpec URL =
      SettingSpec.required("url", Kind.STRING, "The address to POST records to, e.g. https://hooks.example.com/datasipper");
  private static final SettingSpec HEADERS =
      SettingSpec.optional("headers", Kind.MAP, null, "Headers sent with every request, name to value");
  private static final SettingSpec TIMEOUT_MS = SettingSpec.whole("timeout_ms", 10_000L, 1, 3_600_000,
      "Per request, from sending to the end of the answer, in milliseconds");
  private static final SettingSpec MODE = SettingSpec.choice("mode", List.of("batch", "single"), "batch",
      "batch: one POST of a JSON array per batch; single: one POST per record");
  private static final SettingSpec HMAC_SECRET =
      SettingSpec.optional("hmac_secret", Kind.SECRET, null, "Signs each body with HMAC-SHA256");
  static final List<SettingSpec> SETTINGS = List.of(URL, HEADERS, TIMEOUT_MS, MODE, HMAC_SECRET);

  static WebhookSettings read(Map<String, Object> values) throws OutputConfigException {
    OutputSettings s = new OutputSettings(values, SettingSpec.names(SETTINGS));
    URI url = url(s.string(URL));
    Map<String, String> headers = s.stringMap(HEADERS.name());
    if (headers == null) {
      headers = Map.of();
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      try {
        HttpRequest.newBuilder(url).header(h.getKey(), h.getValue());
      } catch (IllegalArgumentException e) {
        throw new OutputConfigException("headers." + h.getKey(),
            "header " + h.getKey() + " cannot be set: " + e.getMessage());
      }
    }
    Duration timeout = s.millis(TIMEOUT_MS);
    boolean batch = s.choice(MODE).equals("batch");
    String secret = s.string(HMAC_SECRET);
    return new WebhookSettings(url, Map.copyOf(headers), timeout, batch,
        secret == null ? null : secret.getBytes(StandardCharsets.UTF_8));
  }

  private static URI url(String url) throws OutputConfigException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new OutputConfigException("url", "url " + RedactedUrl.of(url) + " is not a valid URL: " + e.getReason()
          + " at character " + (e.getIndex() + 1));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new OutputConfigException("url", "url " + RedactedUrl.of(url) + " must start with http:// or https://");
    }
    if (uri.getHost() == null) {
      throw new OutputConfigException("url", "url " + RedactedUrl.of(url) + " names no host, or a bad port");
    }
    return uri;
  }

  /** Whether the headers set {@code name} themselves (header names are case-insensitive). */
  boolean setsHeader(String name) {
    return headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(name));
  }
}
