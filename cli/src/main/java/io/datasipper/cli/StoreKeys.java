package io.datasipper.cli;

import io.datasipper.store.StoreException;
import io.datasipper.store.StoreKey;

/** Which key opens a data directory's store: the config's key file, else the environment's key, else none. */
final class StoreKeys {
  private StoreKeys() {}

  /**
   * @param configured the key of the config's {@code store.encryption.key_file}; null when not set
   * @return null for a plain store
   * @throws UserError naming the environment variable when its value is no key
   */
  static StoreKey resolve(StoreKey configured) {
    if (configured != null) {
      return configured;
    }
    try {
      return StoreKey.fromEnvironment(System.getenv()).orElse(null);
    } catch (StoreException e) {
      throw UserError.usage(e.getMessage());
    }
  }
}
