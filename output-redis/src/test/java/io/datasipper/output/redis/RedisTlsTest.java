package io.datasipper.output.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.WriteResult;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} with a password: a TLS-only redis-server with {@code requirepass}, its
 * certificate signed by a CA made here with openssl and trusted through {@code tls_ca_file}.
 */
class RedisTlsTest {
  static final String PASSWORD = "s3cret-pw";
  @TempDir Path dir;

  @Test
  void writesOverTlsWithAPasswordAndRefusesAnUntrustedServerOrAWrongPassword() throws Exception {
    Path certs = makeCertificates(dir.resolve("certs"));
    try (LocalRedis redis = LocalRedis.start(dir.resolve("redis"), "--tls-port", "{port}",
        "--tls-cert-file", certs.resolve("server.crt").toString(), "--tls-key-file", certs.resolve("server.key").toString(),
        "--tls-ca-cert-file", certs.resolve("ca.crt").toString(), "--tls-auth-clients", "no", "--requirepass", PASSWORD)) {
      String url = "rediss://:" + PASSWORD + "@127.0.0.1:" + redis.port;
      String ca = certs.resolve("ca.crt").toString();

      Output output = new RedisOutputFactory().create("tls", Map.of("url", url, "tls_ca_file", ca, "mode", "stream",
          "key", "secure"));
      output.start();
      assertThat(output.write(RedisModesTest.records(1, 20))).isEqualTo(WriteResult.allDelivered(20));
      output.stop();
      assertThat(readBack(url, ca)).isEqualTo(20);

      Output untrusted = new RedisOutputFactory().create("tls", Map.of("url", url, "mode", "stream"));
      assertThatThrownBy(untrusted::start).isInstanceOf(io.lettuce.core.RedisConnectionException.class);
      untrusted.stop();

      Output wrongPassword = new RedisOutputFactory().create("tls", Map.of("url",
          "rediss://:wrong@127.0.0.1:" + redis.port, "tls_ca_file", ca, "mode", "stream"));
      assertThatThrownBy(wrongPassword::start).hasStackTraceContaining("WRONGPASS");
      wrongPassword.stop();
    }
  }

  private static long readBack(String url, String ca) {
    RedisClient client = RedisClient.create(RedisURI.create(url));
    client.setOptions(ClientOptions.builder().sslOptions(SslOptions.builder().trustManager(Path.of(ca).toFile()).build())
        .build());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      return c.sync().xrange("secure", Range.create("-", "+")).size();
    } finally {
      client.shutdown();
    }
  }

  /** A CA and a server certificate for 127.0.0.1 (as an IP subject alternative name, for host checks). */
  static Path makeCertificates(Path certs) throws Exception {
    Files.createDirectories(certs);
    Files.writeString(certs.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
    run(certs, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
        "-days", "2", "-subj", "/CN=DataSipper test CA");
    run(certs, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
        "-subj", "/CN=127.0.0.1");
    run(certs, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.crt", "-days", "2", "-extfile", "san.ext");
    return certs;
  }

  private static void run(Path dir, String... command) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot run openssl to make test certificates (Debian: apt-get install openssl)", e);
    }
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s:%n%s", String.join(" ", command), output).isZero();
  }
}
