package io.datasipper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasipper.api.output.Output;
import io.datasipper.api.output.OutputConfigException;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.output.WriteResult;
import io.datasipper.testkit.PluginJar;
import io.datasipper.testkit.SamplePlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output plugins a user installs as jars in the plugin folder. */
class PluginFolderTest {
  private static final String FACTORY = SamplePlugins.ID_LIST_FACTORY;
  /** The class of its own that the sample plugin's writes call, as a client library. */
  private static final String LEDGER = "acme.Ledger";
  @TempDir Path dir;

  @Test
  void aPluginJarInTheFolderAddsAnOutputTypeThatWrites() throws Exception {
    Path folder = dir.resolve("plugins");
    SamplePlugins.idList().writeTo(folder.resolve("id-list.jar"));
    Path ids = dir.resolve("ids.txt");

    Outputs outputs = new Outputs(PluginFolder.read(folder.toString(), dir));

    assertThat(outputs.knows(SamplePlugins.ID_LIST)).as(outputs.knownTypes()).isTrue();
    assertThat(outputs.problems()).isEmpty();
    Output output = outputs.create(new OutputSpec("acme", SamplePlugins.ID_LIST, true, Map.of("path", ids.toString())));
    output.start();
    WriteResult result = output.write(List.of(record("e1"), record("e2")));
    output.stop();
    assertThat(result.delivered()).isEqualTo(2);
    assertThat(Files.readAllLines(ids)).containsExactly("e1", "e2");
  }

  @Test
  void theInstalledFolderIsReadAgainOnceAJarInItIsAddedOrRemovedAndOnlyThen() throws Exception {
    Path folder = dir.resolve("plugins");
    Files.createDirectories(folder);
    InstalledPlugins installed = new InstalledPlugins(folder.toString(), dir);
    PluginFolder empty = installed.current();
    assertThat(new Outputs(empty).knows(SamplePlugins.ID_LIST)).isFalse();
    assertThat(installed.current()).as("nothing changed: read once").isSameAs(empty);

    SamplePlugins.idList().writeTo(folder.resolve("id-list.jar"));
    PluginFolder added = installed.current();
    assertThat(new Outputs(added).knows(SamplePlugins.ID_LIST)).as("a jar added while running").isTrue();
    assertThat(installed.current()).isSameAs(added);

    Files.delete(folder.resolve("id-list.jar"));
    assertThat(new Outputs(installed.current()).knows(SamplePlugins.ID_LIST)).isFalse();
  }

  @Test
  void aJarOverwrittenInPlaceIsTakenAtTheNextReadWhileAnOutputMadeBeforeKeepsItsOwnClasses() throws Exception {
    Path folder = dir.resolve("plugins");
    Path jar = SamplePlugins.idList().writeTo(folder.resolve("id-list.jar"));
    Object inode = Files.readAttributes(jar, BasicFileAttributes.class).fileKey();
    InstalledPlugins installed = new InstalledPlugins(folder.toString(), dir);
    Path before = dir.resolve("before.txt");
    Output running = new Outputs(installed.current())
        .create(new OutputSpec("before", SamplePlugins.ID_LIST, true, Map.of("path", before.toString())));
    running.start(); // nothing written yet: the class its writes call is not loaded yet

    // The next version copied over the old one, as cp does: the same file, rewritten.
    PluginJar plain = SamplePlugins.idList();
    plain.with(LEDGER, plain.sources().get(LEDGER).replace("return id + \"\\n\";", "return id + \" v2\\n\";"))
        .writeTo(jar);
    assertThat(Files.readAttributes(jar, BasicFileAttributes.class).fileKey()).as("overwritten in place").isEqualTo(inode);

    Path after = dir.resolve("after.txt");
    Output next = new Outputs(installed.current())
        .create(new OutputSpec("after", SamplePlugins.ID_LIST, true, Map.of("path", after.toString())));
    next.start();
    assertThat(next.write(List.of(record("e1"))).delivered()).isEqualTo(1);
    assertThat(Files.readAllLines(after)).as("the new version, once read again").containsExactly("e1 v2");
    assertThat(running.write(List.of(record("e1"))).delivered()).isEqualTo(1);
    assertThat(Files.readAllLines(before)).as("the version it was made with").containsExactly("e1");
    running.stop();
    next.stop();
  }

  @Test
  void theCopiesOfJarsReadBeforeGoOnceNothingLoadsFromThem() throws Exception {
    Path folder = dir.resolve("plugins");
    Path jar = SamplePlugins.idList().writeTo(folder.resolve("id-list.jar"));
    InstalledPlugins installed = new InstalledPlugins(folder.toString(), dir);
    Path firstCopies = copiesOf(installed.current());
    assertThat(firstCopies.resolve("id-list.jar")).exists();

    idListWith("static final String VERSION = \"2\";").writeTo(jar);
    PluginFolder second = installed.current();
    assertThat(new Outputs(second).knows(SamplePlugins.ID_LIST)).isTrue();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (Files.exists(firstCopies) && System.nanoTime() < deadline) {
      System.gc(); // the first read's class loader is unreachable: collected, its copies are deleted
      Thread.sleep(50);
    }
    assertThat(firstCopies).as("the first read's copies, no loader left to read them").doesNotExist();
    assertThat(copiesOf(second).resolve("id-list.jar")).as("those still in use").exists();
  }

  @Test
  void copiesLeftBehindByAProcessThatEndedAreDeletedAndThoseOfOneRunningStay() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    assertThat(ended.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    Path killed = Files.createDirectories(dir.resolve(PluginFolder.COPIES + ended.pid() + "-123"));
    Files.writeString(killed.resolve("acme.jar"), "left behind");
    Path running = Files.createDirectories(dir.resolve(PluginFolder.COPIES + ProcessHandle.current().pid() + "-456"));
    Files.writeString(running.resolve("acme.jar"), "in use");
    Path other = Files.createDirectories(dir.resolve("datasipper-other-1"));

    PluginFolder.deleteLeftBehind(dir);

    assertThat(killed).doesNotExist();
    assertThat(running.resolve("acme.jar")).exists();
    assertThat(other).exists();
  }

  @Test
  void copiesLeftBehindUnderAPidARunningProcessGotLaterAreDeleted() throws Exception {
    Process later = new ProcessBuilder("sleep", "60").start();
    try {
      Instant started = later.info().startInstant().orElseThrow();
      // What a process killed long before this one started left, the pid given anew since.
      Path before = Files.createDirectories(dir.resolve(PluginFolder.COPIES + later.pid() + "-123"));
      Files.writeString(before.resolve("acme.jar"), "left behind");
      Files.setLastModifiedTime(before, FileTime.from(started.minusSeconds(3600)));
      // Made since it started: it may be its own.
      Path since = Files.createDirectories(dir.resolve(PluginFolder.COPIES + later.pid() + "-456"));
      Files.writeString(since.resolve("acme.jar"), "in use");

      PluginFolder.deleteLeftBehind(dir);

      assertThat(before).doesNotExist();
      assertThat(since.resolve("acme.jar")).exists();
    } finally {
      later.destroyForcibly();
    }
  }

  /** The private folder of the copies {@code plugins}' class loader reads. */
  private static Path copiesOf(PluginFolder plugins) throws Exception {
    java.net.URL[] urls = ((java.net.URLClassLoader) plugins.loader()).getURLs();
    return Path.of(urls[0].toURI()).getParent();
  }

  @Test
  void withoutTheVariableTheFolderIsUnderTheHomeFolder() {
    Path home = dir.resolve("home");
    SamplePlugins.idList().writeTo(home.resolve(".datasipper/plugins/id-list.jar"));

    PluginFolder plugins = PluginFolder.read(null, home);

    assertThat(plugins.folder()).isEqualTo(home.resolve(".datasipper/plugins"));
    assertThat(new Outputs(plugins).knows(SamplePlugins.ID_LIST)).isTrue();
    assertThat(PluginFolder.read(" ", home).folder()).as("a blank variable is no variable")
        .isEqualTo(home.resolve(".datasipper/plugins"));
  }

  @Test
  void aFileThatIsNotAJarIsLeftOutNamedAndTheOtherPluginsLoad() throws Exception {
    Path folder = dir.resolve("plugins");
    SamplePlugins.idList().writeTo(folder.resolve("id-list.jar"));
    Files.writeString(folder.resolve("broken.jar"), "not a zip");

    Outputs outputs = new Outputs(PluginFolder.read(folder.toString(), dir));

    assertThat(outputs.knows(SamplePlugins.ID_LIST)).isTrue();
    assertThat(outputs.knows("flaky")).as("the class path's outputs are there too").isTrue();
    assertThat(outputs.problems()).singleElement().asString()
        .startsWith("the output plugin " + folder.resolve("broken.jar") + " is not a readable jar and is left out: ");
  }

  @Test
  void aPluginWhoseFactoryIsMissingIsLeftOutNamed() {
    Path folder = dir.resolve("plugins");
    new PluginJar("acme.GoneOutputFactory", SamplePlugins.idList().sources(), java.util.Set.of())
        .writeTo(folder.resolve("gone.jar"));
    SamplePlugins.idList().writeTo(folder.resolve("id-list.jar"));

    Outputs outputs = new Outputs(PluginFolder.read(folder.toString(), dir));

    assertThat(outputs.knows(SamplePlugins.ID_LIST)).isTrue();
    assertThat(outputs.problems()).singleElement().asString()
        .startsWith("an output plugin cannot be loaded and is left out (plugins are the jars in " + folder + "): ")
        .contains("acme.GoneOutputFactory not found");
  }

  @Test
  void aPluginCannotTakeATypeThatIsTaken() {
    Path folder = dir.resolve("plugins");
    String source = SamplePlugins.idList().sources().get(FACTORY)
        .replace("\"" + SamplePlugins.ID_LIST + "\"", "\"flaky\"");
    SamplePlugins.idList().with(FACTORY, source).writeTo(folder.resolve("flaky.jar"));

    Outputs outputs = new Outputs(PluginFolder.read(folder.toString(), dir));

    assertThat(outputs.factories()).filteredOn(f -> f.type().equals("flaky")).singleElement()
        .isInstanceOf(FlakyOutputFactory.class);
    assertThat(outputs.problems()).containsExactly(
        "output type flaky of " + FACTORY + " is left out: " + FlakyOutputFactory.class.getName()
            + " has that type already");
  }

  @Test
  void aPluginThatAsksForNoRecordsPerWriteIsLeftOutNamed() {
    Path folder = dir.resolve("plugins");
    idListWith("@Override public int maxRecordsPerWrite() { return 0; }").writeTo(folder.resolve("id-list.jar"));

    Outputs outputs = new Outputs(PluginFolder.read(folder.toString(), dir));

    assertThat(outputs.knows(SamplePlugins.ID_LIST)).isFalse();
    assertThat(outputs.problems()).containsExactly("the output plugin " + FACTORY
        + " is left out: its maxRecordsPerWrite() is 0; expected 1 to 100000");
  }

  @Test
  void aPluginThatFailsToSayItsTypeIsLeftOutNamedAndTheOthersLoad() {
    Path folder = dir.resolve("plugins");
    PluginJar plain = SamplePlugins.idList();
    plain.with(FACTORY, plain.sources().get(FACTORY).replace("return \"" + SamplePlugins.ID_LIST + "\";",
        "throw new IllegalStateException(\"no licence key\");")).writeTo(folder.resolve("id-list.jar"));

    Outputs outputs = new Outputs(PluginFolder.read(folder.toString(), dir));

    assertThat(outputs.knows("flaky")).isTrue();
    assertThat(outputs.problems()).containsExactly("the output plugin " + FACTORY
        + " is left out: it fails to describe itself: java.lang.IllegalStateException: no licence key");
  }

  @Test
  void aVariableNamingNoFolderIsAProblemAndTheUnknownTypeErrorSaysWherePluginsGo() {
    Path nowhere = dir.resolve("nowhere");

    Outputs outputs = new Outputs(PluginFolder.read(nowhere.toString(), dir));

    assertThat(outputs.problems()).containsExactly(
        "DATASIPPER_PLUGINS names " + nowhere + ", which is not a folder: no output plugins are loaded");
    assertThatThrownBy(() -> outputs.create(new OutputSpec("acme", SamplePlugins.ID_LIST, true, Map.of())))
        .isInstanceOf(OutputConfigException.class)
        .hasMessageContaining("unknown output type id_list; known: ")
        .hasMessageContaining("(output plugins are the jars in " + nowhere + ", read when the config is loaded)");
  }

  /** The sample plugin with more members in its factory. */
  private static PluginJar idListWith(String members) {
    PluginJar plain = SamplePlugins.idList();
    return plain.with(FACTORY, plain.sources().get(FACTORY).replace("implements OutputFactory {",
        "implements OutputFactory {\n  " + members));
  }

  private static OutputRecord record(String id) {
    return OutputRecord.ofJson("frames", 1, id, "c1", "ws_frame", "{\"id\":\"" + id + "\"}");
  }
}
