package io.datasipper.output;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputFactory;
import io.datasipper.api.output.OutputSettings;
import io.datasipper.api.output.SettingSpec;
import io.datasipper.api.output.SettingSpec.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code type: file}: JSON lines appended to {@code path}, rotated when a file passes
 * {@code max_bytes} (default 100 MiB, at most 1 TiB) into {@code path.1}, {@code path.2}, ... keeping
 * {@code max_files} (default 10, at most 1000: each rotation renames them all) old files. {@code fsync: true} forces each batch to the disk
 * before it counts as delivered (safe against power loss, not only against a crash).
 */
public final class FileOutputFactory implements OutputFactory {
  private static final SettingSpec PATH =
      SettingSpec.required("path", Kind.STRING, "The file to write JSON lines to, e.g. out/records.jsonl");
  /** At most 1 TiB: past this, rotating is no longer what keeps the file manageable. */
  private static final SettingSpec MAX_BYTES =
      SettingSpec.bytes("max_bytes", "100MiB", 1, 1L << 40, "Rotate the file once it passes this size");
  /** At most 1000: each rotation renames them all. */
  private static final SettingSpec MAX_FILES =
      SettingSpec.whole("max_files", 10L, 1, 1_000, "Rotated files kept beside it (path.1, path.2, ...)");
  private static final SettingSpec FSYNC = SettingSpec.optional("fsync", Kind.BOOLEAN, false,
      "Force each batch to the disk before it counts as delivered (safe against power loss)");
  private static final List<SettingSpec> SETTINGS = List.of(PATH, MAX_BYTES, MAX_FILES, FSYNC);

  @Override
  public String type() {
    return "file";
  }

  @Override
  public List<SettingSpec> settings() {
    return SETTINGS;
  }

  @Override
  public Output create(String name, Map<String, Object> settings) throws OutputConfigException {
    OutputSettings s = new OutputSettings(settings, SettingSpec.names(SETTINGS));
    return new FileOutput(Path.of(s.string(PATH)), s.bytes(MAX_BYTES), (int) s.whole(MAX_FILES), s.bool(FSYNC),
        FileOutput.Opener.DISK);
  }
}
