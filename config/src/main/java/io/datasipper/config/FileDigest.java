package io.datasipper.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A file's content as a SHA-256 digest, to tell when it changed without keeping it. */
public final class FileDigest {
  /** What a file that cannot be read digests to. */
  public static final String UNREADABLE = "unreadable";

  private FileDigest() {}

  public static String of(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The digest of the file's bytes; null if there is no such file; {@link #UNREADABLE} if it cannot be read. */
  public static String of(Path file) {
    try {
      return of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return UNREADABLE;
    }
  }
}
