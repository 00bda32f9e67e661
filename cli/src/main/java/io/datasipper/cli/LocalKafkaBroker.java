package io.datasipper.cli;

import io.datasipper.api.broker.LocalKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Starts the embedded Kafka broker of {@code demo --kafka} and {@code kafka serve}. Its jars (Kafka's
 * server and Scala, about 130 MB) are installed in a folder beside DataSipper's jar rather than on its
 * class path, so that no other command loads them: they are found on the class path when they are
 * there (the tests), else in that folder.
 */
final class LocalKafkaBroker {
  /** The folder beside {@code datasipper.jar} that the build fills with the broker's jars. */
  static final String FOLDER = "kafka-broker";

  private LocalKafkaBroker() {}

  static LocalKafka start(Path dataDir, int port) {
    return starter().start(dataDir, port);
  }

  private static LocalKafka.Starter starter() {
    Optional<LocalKafka.Starter> onClassPath = ServiceLoader.load(LocalKafka.Starter.class).findFirst();
    if (onClassPath.isPresent()) {
      return onClassPath.get();
    }
    Path folder = installedFolder();
    List<Path> jars = jarsIn(folder);
    // The broker's loader asks DataSipper's first, so both share one kafka-clients and one API.
    URLClassLoader loader = new URLClassLoader("kafka-broker", urls(jars), LocalKafkaBroker.class.getClassLoader());
    return ServiceLoader.load(LocalKafka.Starter.class, loader).findFirst()
        .orElseThrow(() -> UserError.failure("the embedded Kafka broker is not in " + folder
            + ": its jars are there but none provides it; rebuild with bin/datasipper"));
  }

  private static Path installedFolder() {
    try {
      Path jar = Path.of(LocalKafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return jar.resolveSibling(FOLDER);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot tell where DataSipper's jar is", e);
    }
  }

  private static List<Path> jarsIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw UserError.failure("the embedded Kafka broker is not installed: " + folder
          + " is missing; bin/datasipper builds it (the build puts the broker's jars there)");
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  private static URL[] urls(List<Path> jars) {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalStateException("not a jar address: " + jars.get(i), e);
      }
    }
    return urls;
  }
}
