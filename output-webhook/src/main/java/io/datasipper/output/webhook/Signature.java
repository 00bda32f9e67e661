package io.datasipper.output.webhook;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-DataSipper-Signature: sha256=<hex>}: HMAC-SHA256 of the exact body bytes with the
 * shared secret, so a receiver can check that a request came from us and was not altered. It
 * should compare in constant time (e.g. {@code MessageDigest.isEqual}).
 */
final class Signature {
  static final String HEADER = "X-DataSipper-Signature";

  private final SecretKeySpec key;

  Signature(byte[] secret) {
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
