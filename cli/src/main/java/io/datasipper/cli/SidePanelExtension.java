package io.datasipper.cli;

import io.datasipper.api.files.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Chrome side panel extension the web module packs into the jar (under
 * {@code io/datasipper/web/extension/}), written out as a directory for {@code --load-extension},
 * and paired with the running server by a {@code pairing.json} beside it. Chromium reads an unpacked
 * extension's files as its pages ask for them, so the pairing written once the server is up reaches a
 * browser started before; only the extension's own pages can read it (it declares no web-accessible
 * resources). Public for the browser tests, which load it into the Chromium they drive.
 */
public final class SidePanelExtension {
  private static final String RESOURCES = "/io/datasipper/web/extension/";
  /** The extension's files, one a line, as the web module's build listed them. */
  private static final String INDEX = RESOURCES + "files.txt";
  private static final String PAIRING = "pairing.json";

  private final Path dir;

  private SidePanelExtension(Path dir) {
    this.dir = dir;
  }

  /**
   * Writes the extension into {@code dir}, replacing what an earlier run left there (its pairing
   * included); empty when this build has no extension (the web module was left out).
   */
  public static Optional<SidePanelExtension> writeTo(Path dir) {
    List<String> files;
    try (InputStream index = SidePanelExtension.class.getResourceAsStream(INDEX)) {
      if (index == null) {
        return Optional.empty();
      }
      files = new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
      if (!isEmptyOrOurs(dir)) {
        throw UserError.usage(dir + " holds files and no DataSipper extension: give a new or empty directory,"
            + " since the extension replaces what is there");
      }
      deleteTree(dir);
      for (String file : files) {
        Path target = dir.resolve(file).normalize();
        if (!target.startsWith(dir)) {
          throw new IOException("the jar's extension lists a file outside it: " + file);
        }
        PrivateFiles.createDirectories(target.getParent());
        try (InputStream in = SidePanelExtension.class.getResourceAsStream(RESOURCES + file)) {
          if (in == null) {
            throw new IOException("the jar's extension lists " + file + ", which it does not hold");
          }
          Files.copy(in, target);
        }
      }
    } catch (IOException e) {
      throw UserError.failure("cannot write the side panel extension to " + dir + ": " + e.getMessage());
    }
    return Optional.of(new SidePanelExtension(dir));
  }

  /** The directory to pass to Chromium's {@code --load-extension}. */
  public Path dir() {
    return dir;
  }

  /** Pairs the extension's panel with the server at {@code server} (its origin) and its token. */
  public void pair(URI server, String token) {
    String origin = server.toString().replaceFirst("/$", "");
    try {
      // All at once: the panel may read it at any moment, and a part of it would leave it unpaired.
      PrivateFiles.replace(dir.resolve(PAIRING),
          ("{\"server\":\"" + origin + "\",\"token\":\"" + token + "\"}\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pair the side panel: " + dir.resolve(PAIRING), e);
    }
  }

  /** Takes the pairing back once the server has stopped: its token is dead. */
  public void unpair() {
    try {
      Files.deleteIfExists(dir.resolve(PAIRING));
    } catch (IOException e) {
      // a stale pairing only makes the panel say that DataSipper does not answer
    }
  }

  /** Whether {@code dir} is missing, empty, or an extension this class wrote: what may be replaced. */
  private static boolean isEmptyOrOurs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return !Files.exists(dir);
    }
    try (Stream<Path> entries = Files.list(dir)) {
      if (entries.findAny().isEmpty()) {
        return true;
      }
    }
    Path manifest = dir.resolve("manifest.json");
    return Files.isRegularFile(manifest) && Files.readString(manifest).contains("\"name\": \"DataSipper\"");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
