package io.datasipper.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.output.OutputFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * An output plugin's jar as a third party ships it: compiled here from Java source against
 * DataSipper's API, its classes in the jar and on no class path, its factory listed in
 * {@code META-INF/services}. A class can be compiled against and {@link #leavingOut left out} of the
 * jar, as a plugin that forgot to ship one of its libraries is.
 */
public record PluginJar(String factory, Map<String, String> sources, Set<String> leftOut) {

  /** A plugin of one class, its {@link OutputFactory} named {@code factory} (a fully qualified name). */
  public static PluginJar of(String factory, String source) {
    return new PluginJar(factory, Map.of(factory, source), Set.of());
  }

  /** This plugin with another class. */
  public PluginJar with(String className, String source) {
    Map<String, String> more = new LinkedHashMap<>(sources);
    more.put(className, source);
    return new PluginJar(factory, more, leftOut);
  }

  /** This plugin compiled with {@code className}, which its jar leaves out. */
  public PluginJar leavingOut(String className) {
    return new PluginJar(factory, sources, Set.of(className));
  }

  /** Compiles the plugin and writes its jar to {@code jar}. */
  public Path writeTo(Path jar) {
    Path classes = null;
    try {
      classes = Files.createTempDirectory("plugin-classes");
      compile(classes);
      Files.createDirectories(jar.toAbsolutePath().getParent());
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = classes.relativize(file).toString().replace('\\', '/');
          if (!leftOut.contains(name.replace('/', '.').replaceFirst("\\.class$", ""))) {
            put(out, name, Files.readAllBytes(file));
          }
        }
        put(out, "META-INF/services/" + OutputFactory.class.getName(), (factory + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plugin jar " + jar, e);
    } finally {
      deleteQuietly(classes);
    }
  }

  private static void deleteQuietly(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }

  private void compile(Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter problems = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      List<JavaFileObject> units = new ArrayList<>();
      sources.forEach((name, source) -> units.add(new Source(name, source)));
      List<String> options = List.of("--release", "21", "-proc:none", "-d", classes.toString(), "-classpath",
          String.join(java.io.File.pathSeparator, location(OutputFactory.class), location(JsonNode.class)));
      if (!javac.getTask(problems, files, null, options, null, units).call()) {
        throw new IllegalArgumentException("the plugin does not compile:\n" + problems);
      }
    }
  }

  private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(bytes);
    out.closeEntry();
  }

  private static String location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot tell where " + c + " was loaded from", e);
    }
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String className, String text) {
      super(java.net.URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
