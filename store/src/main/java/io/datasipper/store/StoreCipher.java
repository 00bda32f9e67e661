package io.datasipper.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the store's private columns are written: as they are in a plain store, sealed with
 * AES-256-GCM in an encrypted one. A sealed value is a random 12-byte nonce, the ciphertext and
 * the 16-byte tag; its column and row are its associated data, so a value copied into another row
 * or column does not open. Columns that pages find by equality (host, tab) hold a keyed hash
 * (HMAC-SHA-256, cut to 128 bits) instead, which an equal filter value hashes to.
 *
 * <p>The sealing and hashing keys are derived from the {@link StoreKey} by HMAC with distinct
 * labels, so neither is ever used for both. Thread-safe.
 */
final class StoreCipher {
  static final StoreCipher NONE = new StoreCipher();

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int HASH_BYTES = 16;
  private static final String CHECK_LABEL = "datasipper store key check";

  private final SecretKeySpec sealKey;
  private final SecretKeySpec hashKey;
  private final ThreadLocal<Cipher> ciphers;
  private final ThreadLocal<Mac> macs;
  private final SecureRandom random;

  private StoreCipher() {
    sealKey = null;
    hashKey = null;
    ciphers = null;
    macs = null;
    random = null;
  }

  StoreCipher(StoreKey key) {
    SecretKeySpec master = new SecretKeySpec(key.bytes(), "HmacSHA256");
    sealKey = new SecretKeySpec(derive(master, "datasipper store seal"), "AES");
    hashKey = new SecretKeySpec(derive(master, "datasipper store hash"), "HmacSHA256");
    ciphers = ThreadLocal.withInitial(() -> newInstance(() -> Cipher.getInstance("AES/GCM/NoPadding")));
    macs = ThreadLocal.withInitial(() -> newInstance(() -> mac(hashKey)));
    random = new SecureRandom();
  }

  boolean encrypts() {
    return sealKey != null;
  }

  /** A value that shows whether a store was encrypted with this key, without saying anything of the key. */
  String keyCheck() {
    return hash(CHECK_LABEL);
  }

  /** {@code text} as stored in {@code column} of row {@code row}: itself, or sealed (a byte array); null stays null. */
  Object seal(String column, long row, String text) {
    if (text == null || !encrypts()) {
      return text;
    }
    byte[] plain = text.getBytes(StandardCharsets.UTF_8);
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    Cipher c = ciphers.get();
    try {
      c.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(associated(column, row));
      byte[] sealed = new byte[NONCE_BYTES + c.getOutputSize(plain.length)];
      System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
      c.doFinal(plain, 0, plain.length, sealed, NONCE_BYTES);
      return sealed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to encrypt", e);
    }
  }

  /**
   * The UTF-8 text a stored value holds: the value itself in a plain store.
   *
   * @throws IllegalArgumentException if it does not open with this key in this column and row
   */
  byte[] open(String column, long row, byte[] stored) {
    if (stored == null || !encrypts()) {
      return stored;
    }
    if (stored.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new IllegalArgumentException("its " + column + " is not encrypted");
    }
    Cipher c = ciphers.get();
    try {
      c.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
      c.updateAAD(associated(column, row));
      return c.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("its " + column + " does not decrypt with the store's key (altered, or"
          + " copied from another row)");
    }
  }

  /** As {@link #open}, as text; null stays null. */
  String openText(String column, long row, byte[] stored) {
    byte[] plain = open(column, row, stored);
    return plain == null ? null : new String(plain, StandardCharsets.UTF_8);
  }

  /** What an equality on {@code value} compares in a hashed column: the value itself in a plain store. */
  String hash(String value) {
    if (value == null || !encrypts()) {
      return value;
    }
    byte[] mac = macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, HASH_BYTES));
  }

  private static byte[] associated(String column, long row) {
    byte[] name = column.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(name.length + Long.BYTES).put(name).putLong(row).array();
  }

  private static byte[] derive(SecretKeySpec master, String label) {
    try {
      return mac(master).doFinal(label.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is missing from this JVM", e);
    }
  }

  private static Mac mac(SecretKeySpec key) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(key);
    return mac;
  }

  private interface Maker<T> {
    T make() throws GeneralSecurityException;
  }

  private static <T> T newInstance(Maker<T> maker) {
    try {
      return maker.make();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM lacks AES-GCM or HMAC-SHA-256", e);
    }
  }
}
