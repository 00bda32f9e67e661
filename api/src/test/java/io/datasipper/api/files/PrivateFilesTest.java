package io.datasipper.api.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
  @TempDir Path dir;

  @Test
  void aReplacedFileHoldsTheNewTextForItsOwnerAloneAndNoPartIsLeftBeside() throws Exception {
    Path file = dir.resolve("pairing.json");
    Files.writeString(file, "{\"old\": true}\n");

    PrivateFiles.replace(file, "{\"server\": \"http://127.0.0.1:1\"}\n".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.readString(file)).isEqualTo("{\"server\": \"http://127.0.0.1:1\"}\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    try (var listed = Files.list(dir)) {
      assertThat(listed.map(p -> p.getFileName().toString())).containsExactly("pairing.json");
    }
  }
}
