package io.datasipper.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The dashboard's built files (web/dist, what the web module's jar holds), raw and gzipped: those
 * index.html names load first, the others (uPlot) only when a page draws a chart.
 */
final class BundleSize {
  /** One file: its path under dist, its size and gzipped size, and whether the first load takes it. */
  record File(String name, long bytes, long gzipBytes, boolean firstLoad) {}

  private static final Pattern REFERENCED = Pattern.compile("(?:src|href)=\"/([^\"]+)\"");

  private BundleSize() {}

  static List<File> of(Path dist) throws IOException {
    String index = Files.readString(dist.resolve("index.html"));
    List<String> first = new ArrayList<>(List.of("index.html"));
    Matcher m = REFERENCED.matcher(index);
    while (m.find()) {
      first.add(m.group(1));
    }
    try (Stream<Path> files = Files.walk(dist)) {
      return files.filter(Files::isRegularFile).sorted().map(p -> {
        String name = dist.relativize(p).toString();
        byte[] bytes = read(p);
        return new File(name, bytes.length, gzipped(bytes), first.contains(name));
      }).toList();
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long gzipped(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.size();
  }
}
