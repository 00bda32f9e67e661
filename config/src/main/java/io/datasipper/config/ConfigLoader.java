package io.datasipper.config;

import io.datasipper.api.config.ConfigValue;
import io.datasipper.store.StoreKey;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a DataSipper config file ({@code datasipper.yaml}) once, checking all of it before any of
 * it is used: a file with one bad key never replaces a working config.
 *
 * <pre>
 * capture: {...}     # see CaptureConfigLoader
 * store: {...}       # see StoreConfigLoader
 * streams: [...]     # see PipelineConfigLoader
 * outputs: {...}
 * </pre>
 */
public final class ConfigLoader {
  private static final List<String> TOP_KEYS = List.of("capture", "store", "streams", "outputs");

  private ConfigLoader() {}

  /** @throws ConfigException naming the file, the path to the bad key, the bad value and what is allowed */
  public static DataSipperConfig load(Path file) {
    return load(file, YamlFile.read(file));
  }

  /**
   * Checks {@code text} as if it were the content of {@code file}, before it is written there: the
   * errors name that file, and relative {@code transform_file} paths resolve from its directory.
   *
   * @throws ConfigException as {@link #load(Path)} does
   */
  public static DataSipperConfig load(Path file, String text) {
    return load(file, YamlFile.parse(file.toString(), text));
  }

  /**
   * The store key a config file names ({@code store.encryption.key_file}), read without checking the
   * rest of the file: for the commands that read a data directory and run no streams, which a full
   * load would hold up compiling every transform. Null when it names none.
   *
   * @throws ConfigException naming the file and the key when the key file cannot be read
   */
  public static StoreKey storeKey(Path file) {
    ConfigValue encryption = YamlFile.read(file).child("store").child("encryption");
    return StoreConfigLoader.key(encryption.value() == null ? null : encryption, file.toAbsolutePath().getParent());
  }

  private static DataSipperConfig load(Path file, ConfigValue root) {
    Map<String, ConfigValue> top = root.mapping(TOP_KEYS);
    if (top.isEmpty()) {
      throw root.error("the file sets nothing; expected at least one of " + String.join(", ", TOP_KEYS));
    }
    Path baseDir = file.toAbsolutePath().getParent();
    Map<Path, String> included = new LinkedHashMap<>();
    return new DataSipperConfig(CaptureConfigLoader.rules(top.get("capture")),
        StoreConfigLoader.store(top.get("store"), Runtime.getRuntime()::maxMemory, baseDir),
        PipelineConfigLoader.pipeline(top.get("streams"), top.get("outputs"), baseDir, included), included);
  }
}
