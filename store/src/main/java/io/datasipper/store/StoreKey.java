package io.datasipper.store;

import io.datasipper.api.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The key of an encrypted store: 32 random bytes, written as one line of base64 (in a key file, or
 * in the environment variable {@value #ENVIRONMENT}). The keys that encrypt and hash the store's
 * columns are derived from it (see {@link StoreCipher}).
 */
public final class StoreKey {
  /** The environment variable that holds a store key in base64, as a key file does. */
  public static final String ENVIRONMENT = "DATASIPPER_STORE_KEY";
  static final int BYTES = 32;

  private final byte[] bytes;

  private StoreKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A new random key. */
  public static StoreKey generate() {
    byte[] bytes = new byte[BYTES];
    new SecureRandom().nextBytes(bytes);
    return new StoreKey(bytes);
  }

  /**
   * The key written as {@code text} (base64 of 32 bytes, surrounding white space ignored).
   *
   * @throws IllegalArgumentException saying what is wrong with the text, never the text itself
   */
  public static StoreKey parse(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not base64; expected the 44 characters `datasipper store keygen` writes");
    }
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("holds " + bytes.length + " bytes; expected a key of " + BYTES
          + " bytes in base64, as `datasipper store keygen` writes");
    }
    return new StoreKey(bytes);
  }

  /**
   * The key in a key file.
   *
   * @throws StoreException naming the file and what is wrong with it
   */
  public static StoreKey read(Path file) throws StoreException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new StoreException("the store key file " + file + " does not exist; make one with `datasipper store keygen "
          + file + "`");
    } catch (IOException e) {
      throw new StoreException("cannot read the store key file " + file + ": " + DataDirs.reason(e), e);
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new StoreException("the store key file " + file + " " + e.getMessage());
    }
  }

  /**
   * The key in {@value #ENVIRONMENT}, if set in {@code environment}.
   *
   * @throws StoreException saying what is wrong with the variable's value
   */
  public static Optional<StoreKey> fromEnvironment(Map<String, String> environment) throws StoreException {
    String text = environment.get(ENVIRONMENT);
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(text));
    } catch (IllegalArgumentException e) {
      throw new StoreException("the environment variable " + ENVIRONMENT + " " + e.getMessage());
    }
  }

  /**
   * Writes the key to a new file, readable by its owner only.
   *
   * @throws StoreException if the file exists (a key is never overwritten: the store it opens would be lost)
   */
  public void writeNew(Path file) throws StoreException {
    if (Files.exists(file)) {
      throw new StoreException(file + " exists; a key file is never overwritten, as the store it opens would be lost");
    }
    try {
      PrivateFiles.writeNew(file, Base64.getEncoder().encodeToString(bytes) + "\n");
    } catch (IOException e) {
      throw new StoreException("cannot write the store key file " + file + ": " + DataDirs.reason(e), e);
    }
  }

  byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Never the key itself: keys end up in logs by way of toString. */
  @Override
  public String toString() {
    return "StoreKey[hidden]";
  }
}
