package io.datasipper.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals the records of one spool with AES-256-GCM under a key made for that spool and held in
 * memory only: an export of an encrypted store parks no decrypted event on disk, and the file is
 * unreadable once the export's process is gone.
 */
final class SpoolSeal {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final Cipher cipher;

  SpoolSeal() {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256);
      key = generator.generateKey();
      cipher = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK lacks AES-GCM, which every JDK must have", e);
    }
  }

  /** @param position where the record goes in the spool: no two records share one, so it is the nonce */
  byte[] seal(long position, byte[] record) {
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, nonce(position));
      return cipher.doFinal(record);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a spool record with AES-GCM", e);
    }
  }

  byte[] open(long position, byte[] sealed) throws IOException {
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, nonce(position));
      return cipher.doFinal(sealed);
    } catch (AEADBadTagException e) {
      throw new IOException("the export's spool file was changed at byte " + position + " while the export ran", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot open a spool record with AES-GCM", e);
    }
  }

  private static GCMParameterSpec nonce(long position) {
    return new GCMParameterSpec(TAG_BITS, ByteBuffer.allocate(NONCE_BYTES).putLong(NONCE_BYTES - Long.BYTES, position)
        .array());
  }
}
