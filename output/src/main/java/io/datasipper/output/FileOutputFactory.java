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
  private static final List<SettingSpec> SETTINGS = List.of(
      SettingSpec.required("path", Kind.STRING, "The file to append JSON lines to, e.g. out/records.jsonl"),
      SettingSpec.optional("max_bytes", Kind.BYTES, "100MiB", "Rotate the file once it passes this size (at most 1TiB)"),
      SettingSpec.optional("max_files", Kind.INTEGER, 10, "Rotated files kept beside it (path.1, path.2, ...; 1 to 1000)"),
      SettingSpec.optional("fsync", Kind.BOOLEAN, false,
          "Force each batch to the disk before it counts as delivered (safe against power loss)"));
  /** Past this, rotating is no longer what keeps the file manageable. */
  private static final long MAX_BYTES = 1L << 40;

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
    String path = s.required("path", "the file to write JSON lines to");
    return new FileOutput(Path.of(path), s.bytes("max_bytes", 100L << 20, 1, MAX_BYTES), (int) s.whole("max_files", 10, 1, 1_000),
        s.bool("fsync", false), FileOutput.Opener.DISK);
  }
}
