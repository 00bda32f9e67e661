package io.datasipper.output.redis;

import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputSettings;
import io.datasipper.api.output.RedactedUrl;
import io.datasipper.api.output.SettingSpec;
import io.datasipper.api.output.SettingSpec.Kind;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where and how to connect: {@code url} ({@code redis://[[user]:password@]host[:port][/db]}, or
 * {@code rediss://} for TLS), {@code cluster}, {@code timeout_ms}, and for TLS {@code tls_ca_file}
 * (PEM certificates to trust, for a private CA) and {@code tls_verify} ({@code full}: certificate
 * and host name, the default; {@code ca}: certificate only; {@code none}).
 */
record Connection(RedisURI uri, boolean cluster, Duration timeout, Path caFile) {
  private static final SettingSpec URL = SettingSpec.required("url", Kind.STRING,
      "The Redis to write to, e.g. redis://127.0.0.1:6379 or rediss://:password@host:6380");
  private static final SettingSpec CLUSTER =
      SettingSpec.optional("cluster", Kind.BOOLEAN, false, "Whether the url names a node of a Redis cluster");
  private static final SettingSpec TIMEOUT_MS =
      SettingSpec.whole("timeout_ms", 5_000L, 1, 3_600_000, "Command timeout in milliseconds");
  private static final SettingSpec TLS_CA_FILE = SettingSpec.optional("tls_ca_file", Kind.STRING, null,
      "PEM certificates to trust, for a private CA (rediss:// only)");
  private static final SettingSpec TLS_VERIFY = SettingSpec.choice("tls_verify", List.of("full", "ca", "none"), "full",
      "full: certificate and host name; ca: certificate only; none (rediss:// only)");
  static final List<SettingSpec> SETTINGS = List.of(URL, CLUSTER, TIMEOUT_MS, TLS_CA_FILE, TLS_VERIFY);
  static final List<String> KEYS = SettingSpec.names(SETTINGS);

  static Connection read(OutputSettings s) throws OutputConfigException {
    String url = s.string(URL);
    RedisURI uri = uri(url);
    boolean cluster = s.bool(CLUSTER);
    if (cluster && uri.getDatabase() != 0) {
      throw new OutputConfigException("url", "url " + RedactedUrl.of(url) + " selects database " + uri.getDatabase()
          + ", but a Redis cluster has only database 0");
    }
    Duration timeout = s.millis(TIMEOUT_MS);
    uri.setTimeout(timeout);
    String verify = s.choice(TLS_VERIFY);
    String ca = s.string(TLS_CA_FILE);
    if (!uri.isSsl() && (ca != null || !verify.equals("full"))) {
      throw new OutputConfigException(ca != null ? "tls_ca_file" : "tls_verify",
          "TLS settings need a rediss:// url; url is " + RedactedUrl.of(url));
    }
    uri.setVerifyPeer(SslVerifyMode.valueOf(verify.toUpperCase(Locale.ROOT)));
    Path caFile = ca == null ? null : Path.of(ca);
    if (caFile != null && !Files.isReadable(caFile)) {
      throw new OutputConfigException("tls_ca_file", "tls_ca_file " + ca + " is not a readable file");
    }
    return new Connection(uri, cluster, timeout, caFile);
  }

  private static RedisURI uri(String url) throws OutputConfigException {
    String hint = "; use redis://[[user]:password@]host[:port][/db], or rediss:// for TLS";
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("redis://") && !lower.startsWith("rediss://")) {
      throw new OutputConfigException("url", "url " + RedactedUrl.of(url) + " is not a redis:// or rediss:// URL" + hint);
    }
    try {
      // java.net.URI first: Lettuce quietly takes "host:notaport" for the default port.
      if (URI.create(url).getHost() == null) {
        throw new OutputConfigException("url", "url " + RedactedUrl.of(url) + " names no host, or a bad port" + hint);
      }
      return RedisURI.create(url);
    } catch (IllegalArgumentException e) {
      throw new OutputConfigException("url",
          "url " + RedactedUrl.of(url) + " is not a valid Redis URL ("
              + RedactedUrl.scrub(String.valueOf(e.getMessage()), url) + ")" + hint);
    }
  }
}
