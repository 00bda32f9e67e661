package io.datasipper.capture;

import io.datasipper.capture.redact.RedactRules;
import io.datasipper.capture.redact.Redactor;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to capture and how much of it.
 *
 * <p>URL patterns are globs where {@code *} matches any run of characters (including {@code /})
 * and {@code ?} one character; a pattern without a scheme matches anywhere in the URL, so
 * {@code "/api/"} and {@code "*\/api/*"} are alike. Resource types are the browser's names in lower
 * case ({@code document}, {@code xhr}, {@code fetch}, {@code image}, {@code websocket},
 * {@code eventsource}, ...). Mime patterns are globs such as {@code image/*}. An empty include list
 * includes everything; exclude wins over include.
 *
 * @param maxBodyBytes bodies and WebSocket payloads longer than this are cut and flagged truncated
 * @param bodyMimeInclude mime types whose bodies are kept (empty: all)
 * @param bodyMimeExclude mime types whose bodies are left out (the event is still recorded)
 * @param keepSecrets when true, nothing is redacted
 * @param ownTraffic DataSipper's own origins, whose traffic is never captured
 * @param redact what is redacted unless {@code keepSecrets}
 */
public record CaptureRules(
    List<String> urlInclude,
    List<String> urlExclude,
    List<String> resourceTypeInclude,
    List<String> resourceTypeExclude,
    List<String> mimeInclude,
    List<String> mimeExclude,
    long maxBodyBytes,
    List<String> bodyMimeInclude,
    List<String> bodyMimeExclude,
    boolean keepSecrets,
    OwnTraffic ownTraffic,
    RedactRules redact) {

  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  public static final String REDACTED = Redactor.REDACTED;
  private static final java.util.Map<String, Pattern> GLOBS = new java.util.concurrent.ConcurrentHashMap<>();

  public CaptureRules {
    urlInclude = List.copyOf(urlInclude);
    urlExclude = List.copyOf(urlExclude);
    resourceTypeInclude = lower(resourceTypeInclude);
    resourceTypeExclude = lower(resourceTypeExclude);
    mimeInclude = lower(mimeInclude);
    mimeExclude = lower(mimeExclude);
    bodyMimeInclude = lower(bodyMimeInclude);
    bodyMimeExclude = lower(bodyMimeExclude);
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes must be >= 0, was " + maxBodyBytes);
    }
    Objects.requireNonNull(ownTraffic, "ownTraffic");
    Objects.requireNonNull(redact, "redact");
  }

  /** The rules a user can set; DataSipper's own traffic is that of its extension. */
  public CaptureRules(List<String> urlInclude, List<String> urlExclude, List<String> resourceTypeInclude,
      List<String> resourceTypeExclude, List<String> mimeInclude, List<String> mimeExclude, long maxBodyBytes,
      List<String> bodyMimeInclude, List<String> bodyMimeExclude, boolean keepSecrets) {
    this(urlInclude, urlExclude, resourceTypeInclude, resourceTypeExclude, mimeInclude, mimeExclude, maxBodyBytes,
        bodyMimeInclude, bodyMimeExclude, keepSecrets, OwnTraffic.extensionOnly(), RedactRules.DEFAULTS);
  }

  /** Everything, bodies up to 1 MiB, secrets redacted by {@link RedactRules#DEFAULTS}. */
  public static CaptureRules defaults() {
    return new CaptureRules(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        DEFAULT_MAX_BODY_BYTES, List.of(), List.of(), false);
  }

  public CaptureRules withKeepSecrets(boolean keep) {
    return new CaptureRules(urlInclude, urlExclude, resourceTypeInclude, resourceTypeExclude,
        mimeInclude, mimeExclude, maxBodyBytes, bodyMimeInclude, bodyMimeExclude, keep, ownTraffic, redact);
  }

  /** These rules, redacting what {@code rules} say (unless secrets are kept). */
  public CaptureRules withRedact(RedactRules rules) {
    return new CaptureRules(urlInclude, urlExclude, resourceTypeInclude, resourceTypeExclude,
        mimeInclude, mimeExclude, maxBodyBytes, bodyMimeInclude, bodyMimeExclude, keepSecrets, ownTraffic, rules);
  }

  /**
   * These rules, with one more origin of DataSipper's own (see {@link OwnTraffic#with}): the
   * dashboard server registers its origin this way before the capture starts.
   */
  public CaptureRules withOwnOrigin(String origin) {
    return new CaptureRules(urlInclude, urlExclude, resourceTypeInclude, resourceTypeExclude,
        mimeInclude, mimeExclude, maxBodyBytes, bodyMimeInclude, bodyMimeExclude, keepSecrets,
        ownTraffic.with(origin), redact);
  }

  /** Whether a request to this URL with this resource type is captured at all. */
  public boolean capturesRequest(String url, String resourceType) {
    return matchesUrl(url) && included(resourceType, resourceTypeInclude, resourceTypeExclude);
  }

  public boolean matchesUrl(String url) {
    if (urlExclude.stream().anyMatch(p -> globMatches(p, url))) {
      return false;
    }
    return urlInclude.isEmpty() || urlInclude.stream().anyMatch(p -> globMatches(p, url));
  }

  /** Whether a response of this mime type is captured (checked once the response is known). */
  public boolean capturesMimeType(String mimeType) {
    return included(mimeType, mimeInclude, mimeExclude);
  }

  /** Whether the body of a response of this mime type is kept. */
  public boolean keepsBody(String mimeType) {
    return maxBodyBytes > 0 && included(mimeType, bodyMimeInclude, bodyMimeExclude);
  }

  /** What a capture by these rules redacts: nothing when secrets are kept. Made anew on each call: keep it. */
  public Redactor redactor() {
    return keepSecrets ? Redactor.NONE : Redactor.of(redact);
  }

  private static boolean included(String value, List<String> include, List<String> exclude) {
    String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
    if (exclude.stream().anyMatch(p -> globMatches(p, v))) {
      return false;
    }
    return include.isEmpty() || include.stream().anyMatch(p -> globMatches(p, v));
  }

  static boolean globMatches(String glob, String value) {
    return value != null && GLOBS.computeIfAbsent(glob, CaptureRules::compileGlob).matcher(value).matches();
  }

  private static Pattern compileGlob(String glob) {
    boolean anchored = glob.contains("://") || glob.startsWith("*") || glob.endsWith("*");
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    String regex = anchored ? re.toString() : ".*" + re + ".*";
    return Pattern.compile(regex, Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  }

  private static List<String> lower(List<String> values) {
    return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
  }
}
