package io.datasipper.capture.redact;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies {@link RedactRules}: to URLs, header values, text (bodies, frames, SSE data) and whole
 * events. Made once per capture; safe to share between threads.
 */
public final class Redactor {
  /** What a secret is replaced by. */
  public static final String REDACTED = "[redacted]";
  /** The same inside URLs and form bodies, percent-encoded so they stay valid and decode to {@link #REDACTED}. */
  public static final String REDACTED_IN_URL = "%5Bredacted%5D";

  /** Redacts nothing: {@code keep_secrets}. */
  public static final Redactor NONE = new Redactor(RedactRules.NONE, false);

  private static final Set<String> URL_HEADERS = Set.of("referer", "location", "content-location", "origin", ":path");
  private static final String WEBSOCKET_PROTOCOL = "sec-websocket-protocol";
  private static final Redactor DEFAULTS = new Redactor(RedactRules.DEFAULTS, true);

  private final Set<String> headers;
  private final UrlRedaction urls;
  private final UrlRedaction formFields;
  private final Pattern paramsInText;
  private final Set<String> params;
  private final int longestParam;
  private final Pattern multipartFields;
  private final JsonRedaction json;
  private final List<TextPattern> textPatterns;
  private final boolean active;
  private final EventRedaction events = new EventRedaction(this);
  /** The last URL redacted and its result: every frame of a WebSocket carries the same URL. */
  private volatile String[] lastUrl = {null, null};

  private Redactor(RedactRules rules, boolean active) {
    this.headers = RedactRules.lower(rules.headers());
    Set<String> params = RedactRules.lower(rules.queryParams());
    this.params = params;
    this.longestParam = params.stream().mapToInt(String::length).max().orElse(0);
    this.urls = new UrlRedaction(params, compile(rules.urlPatterns()));
    Set<String> fields = RedactRules.lower(rules.queryParams());
    fields.addAll(RedactRules.lower(rules.jsonKeys()));
    this.formFields = new UrlRedaction(fields, List.of());
    // A part named like a secret field: its value runs from the blank line after its headers to the next boundary.
    this.multipartFields = fields.isEmpty() ? null
        : Pattern.compile("name=\"(?:" + String.join("|", fields.stream().map(Pattern::quote).toList())
            + ")\"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*?\r?\n(.*?)\r?\n--", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    this.paramsInText = params.isEmpty() ? null
        : Pattern.compile("[?&#](?:" + String.join("|", params.stream().map(Pattern::quote).toList())
            + ")=([^&#\\s\"'<>\\\\]+)", Pattern.CASE_INSENSITIVE);
    this.json = new JsonRedaction(RedactRules.lower(rules.jsonKeys()),
        rules.jsonPaths().stream().map(JsonPath::parse).toList());
    this.textPatterns = compile(rules.textPatterns());
    this.active = active;
  }

  /**
   * The redactor of these rules. Even with empty rules it redacts what is always redacted (a URL's
   * user-info password, token subprotocols); only {@link #NONE} redacts nothing.
   */
  public static Redactor of(RedactRules rules) {
    return rules.equals(RedactRules.DEFAULTS) ? DEFAULTS : new Redactor(rules, true);
  }

  /** The URL with its secrets redacted; null stays null. */
  public String url(String url) {
    if (url == null || !active) {
      return url;
    }
    String[] last = lastUrl;
    if (url.equals(last[0])) {
      return last[1];
    }
    String out = urls.redact(url);
    lastUrl = new String[] {url, out};
    return out;
  }

  /** A header's value as it may be kept: all of it, none of it, or a URL or token list with its secrets redacted. */
  public String header(String name, String value) {
    if (value == null || !active) {
      return value;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (headers.contains(lower)) {
      return REDACTED;
    }
    if (URL_HEADERS.contains(lower)) {
      return url(value);
    }
    if (lower.equals(WEBSOCKET_PROTOCOL)) {
      return WebSocketProtocols.redact(value);
    }
    // Other values can carry URLs too (Link, Refresh): their parameters are redacted as in text.
    return paramsInText(patterns(value));
  }

  /**
   * Text (a body, a frame, an SSE message) with its secrets redacted: what the text patterns find,
   * URL parameters, form fields (URL-encoded or multipart) when the content type says so, and JSON
   * values by key and path.
   * The patterns go first, so that none of them matches inside a replacement the others made.
   *
   * @param contentType the body's content type, or null
   */
  public String text(String text, String contentType) {
    if (text == null || text.isEmpty() || !active) {
      return text;
    }
    String out = paramsInText(patterns(text));
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.contains("x-www-form-urlencoded")) {
      out = formFields.params(out);
    } else if (type.startsWith("multipart/form-data") && multipartFields != null) {
      out = Replacing.replace(multipartFields, out, REDACTED);
    }
    return json.redact(out);
  }

  /**
   * A body with its secrets redacted: text bodies as {@link #text}; a multipart form kept as base64
   * (its parts are not all text) has its secret fields redacted in its bytes. Other binary bodies
   * and omitted ones are kept as they are.
   */
  public Body body(Body body, String contentType) {
    if (body == null || body.data() == null || !active) {
      return body;
    }
    if (body.encoding() == Body.Encoding.TEXT) {
      String data = text(body.data(), contentType);
      return data.equals(body.data()) ? body : new Body(body.encoding(), data, body.size(), body.truncated(), body.omitted());
    }
    if (multipartFields != null && contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      // Latin-1 maps each byte to one character and back, so binary parts pass through unchanged.
      String bytes = new String(body.bytes(), StandardCharsets.ISO_8859_1);
      String redacted = Replacing.replace(multipartFields, bytes, REDACTED);
      if (!redacted.equals(bytes)) {
        return new Body(body.encoding(), Base64.getEncoder().encodeToString(redacted.getBytes(StandardCharsets.ISO_8859_1)),
            body.size(), body.truncated(), body.omitted());
      }
    }
    return body;
  }

  /** The event with every URL, header, body, frame and message redacted. */
  public CaptureEvent event(CaptureEvent event) {
    return active ? events.redact(event) : event;
  }

  private String paramsInText(String text) {
    return paramsInText != null && mayHoldParam(text) ? Replacing.replace(paramsInText, text, REDACTED_IN_URL) : text;
  }

  /**
   * Whether some {@code =} in the text follows {@code ?name}, {@code &name} or {@code #name} with a
   * secret name: a scan over the few {@code =} of most text spares it the pattern, which would try
   * every position.
   */
  private boolean mayHoldParam(String text) {
    for (int eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', eq + 1)) {
      int start = eq;
      while (start > 0 && "?&#".indexOf(text.charAt(start - 1)) < 0 && eq - start <= longestParam) {
        start--;
      }
      if (start > 0 && "?&#".indexOf(text.charAt(start - 1)) >= 0
          && params.contains(text.substring(start, eq).toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private String patterns(String text) {
    return Replacing.replace(textPatterns, text, REDACTED);
  }

  private static List<TextPattern> compile(List<String> regexes) {
    return regexes.stream().map(TextPattern::compile).toList();
  }
}
