package io.datasipper.capture.redact;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a capture redacts before anything is stored or logged. Names compare without regard to
 * case. A value found this way is replaced by {@value Redactor#REDACTED} ({@value Redactor#REDACTED_IN_URL}
 * inside URLs and form bodies, so that they stay valid and decode to the same text).
 *
 * @param headers header names whose whole value is redacted
 * @param queryParams query and fragment parameter names whose values are redacted, in every URL,
 *     in URLs inside text, and in form bodies
 * @param jsonKeys object keys whose values are redacted in JSON text (bodies, WebSocket frames, SSE
 *     data), at any depth: strings, numbers and booleans wherever a key is found, objects and arrays
 *     in a JSON document
 * @param jsonPaths paths such as {@code $.user.pin} or {@code $.items[*].card.number} whose values
 *     are redacted, whatever their type, in JSON text
 * @param urlPatterns regular expressions over URLs: the match is redacted, or only its groups if
 *     it has any
 * @param textPatterns regular expressions over text bodies, text frames, SSE data and header
 *     values: the match is redacted, or only its groups if it has any
 * @throws IllegalArgumentException naming the value when a pattern or path is not valid
 */
public record RedactRules(
    List<String> headers,
    List<String> queryParams,
    List<String> jsonKeys,
    List<String> jsonPaths,
    List<String> urlPatterns,
    List<String> textPatterns) {

  /** A JSON Web Token: three base64url parts, the first two JSON objects. */
  private static final String JWT = "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*";

  /** The set a capture starts with, documented in the README's capture section. */
  public static final RedactRules DEFAULTS = new RedactRules(
      List.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "Api-Key",
          "X-Auth-Token", "X-Access-Token", "X-Refresh-Token", "X-CSRF-Token", "X-XSRF-Token",
          "X-Amz-Security-Token", "X-Goog-Api-Key", "Private-Token", "X-Vault-Token"),
      List.of("access_token", "id_token", "refresh_token", "token", "code", "sig", "signature", "key",
          "api_key", "apikey", "client_secret", "password", "secret", "X-Amz-Signature", "X-Amz-Credential",
          "X-Amz-Security-Token", "X-Goog-Signature", "X-Goog-Credential"),
      List.of("password", "passwd", "secret", "client_secret", "clientSecret", "access_token", "accessToken",
          "refresh_token", "refreshToken", "id_token", "idToken", "token", "auth_token", "authToken",
          "session_token", "sessionToken", "api_key", "apiKey", "private_key", "privateKey", "csrf_token",
          "csrfToken"),
      List.of(),
      List.of(JWT),
      List.of(JWT,
          "(?i)\\bbearer\\s+([A-Za-z0-9._~+/-]{16,}=*)",
          "\\bAKIA[0-9A-Z]{16}\\b",
          "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"));

  /** No rules: what {@code use_defaults: false} starts from. */
  public static final RedactRules NONE = new RedactRules(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  public RedactRules {
    headers = List.copyOf(headers);
    queryParams = List.copyOf(queryParams);
    jsonKeys = List.copyOf(jsonKeys);
    jsonPaths = List.copyOf(jsonPaths);
    urlPatterns = List.copyOf(urlPatterns);
    textPatterns = List.copyOf(textPatterns);
    jsonPaths.forEach(RedactRules::checkJsonPath);
    urlPatterns.forEach(RedactRules::checkPattern);
    textPatterns.forEach(RedactRules::checkPattern);
  }

  /** These rules and those, each list in order without repeats. */
  public RedactRules plus(RedactRules more) {
    return new RedactRules(union(headers, more.headers), union(queryParams, more.queryParams),
        union(jsonKeys, more.jsonKeys), union(jsonPaths, more.jsonPaths), union(urlPatterns, more.urlPatterns),
        union(textPatterns, more.textPatterns));
  }

  /**
   * Checks a regular expression.
   *
   * @throws IllegalArgumentException saying what is wrong, e.g. {@code is not a valid regular expression: Unclosed group near index 4}
   */
  public static void checkPattern(String regex) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("is not a valid regular expression: " + e.getDescription()
          + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""), e);
    }
  }

  /**
   * Checks a JSON path.
   *
   * @throws IllegalArgumentException saying what is wrong and what a path looks like
   */
  public static void checkJsonPath(String path) {
    JsonPath.parse(path);
  }

  static Set<String> lower(List<String> names) {
    Set<String> out = new LinkedHashSet<>();
    names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
    return out;
  }

  private static List<String> union(List<String> a, List<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
