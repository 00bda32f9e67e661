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
  static final List<SettingSpec> SETTINGS = List.of(
      SettingSpec.required("url", Kind.STRING,
          "The Redis to write to, e.g. redis://127.0.0.1:6379 or rediss://:password@host:6380"),
      SettingSpec.optional("cluster", Kind.BOOLEAN, false, "Whether the url names a node of a Redis cluster"),
      SettingSpec.optional("timeout_ms", Kind.INTEGER, 5_000, "Command timeout in milliseconds (1 to 3600000)"),
      SettingSpec.optional("tls_ca_file", Kind.STRING, null, "PEM certificates to trust, for a private CA (rediss:// only)"),
      SettingSpec.choice("tls_verify", List.of("full", "ca", "none"), "full",
          "full: certificate and host name; ca: certificate only; none (rediss:// only)"));
  static final List<String> KEYS = SettingSpec.names(SETTINGS);

  static Connection read(OutputSettings s) throws OutputConfigException {
    String url = s.required("url", "the Redis to write to, e.g. redis://127.0.0.1:6379 or rediss://:password@host:6380");
    RedisURI uri = uri(url);
    boolean cluster = s.bool("cluster", false);
    if (cluster && uri.getDatabase() != 0) {
      throw new OutputConfigException("url", "url " + RedactedUrl.of(url) + " selects database " + uri.getDatabase()
          + ", but a Redis cluster has only database 0");
    }
    Duration timeout = s.millis("timeout_ms", 5_000, 1, 3_600_000);
    uri.setTimeout(timeout);
    String verify = s.choice("tls_verify", List.of("full", "ca", "none"), "full");
    String ca = s.string("tls_ca_file", null);
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
