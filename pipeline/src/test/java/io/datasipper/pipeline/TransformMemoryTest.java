package io.datasipper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transform that hoards memory in a global, in a JVM whose heap it would fill: only its own
 * stream's events are dead-lettered, naming the memory limit, and every other thread lives.
 */
class TransformMemoryTest {
  /** Small enough that the hoarder, unchecked, fills it after a few dozen events (8 MiB each). */
  static final String HEAP = "-Xmx384m";
  /**
   * The optimizing runtime's compiler, as the launcher loads it: GraalJS measures a context's heap
   * only on that runtime, as production runs it (the interpreter says it cannot).
   */
  static final Path COMPILER = Path.of("../transform/target/compiler");
  @TempDir Path dir;

  @Test
  void aTransformThatHoardsMemoryIsStoppedAndNoOtherThreadDies() throws Exception {
    Properties result = runInSmallHeap();
    assertThat(result.getProperty("error")).as("the run failed").isNull();
    assertThat(result.getProperty("died")).as("threads that died").isEmpty();
    assertThat(result.getProperty("missing_threads")).as("threads gone while events came in").isEmpty();
    assertThat(result.getProperty("written")).isEqualTo(Integer.toString(HoardingRun.EVENTS));
    assertThat(result.getProperty("drained")).isEqualTo("true");

    List<Long> frames = LongStream.rangeClosed(1, HoardingRun.EVENTS).filter(SampleEvents::isFrame).boxed().toList();
    List<Long> calls = LongStream.rangeClosed(1, HoardingRun.EVENTS).filter(s -> !SampleEvents.isFrame(s)).boxed()
        .toList();
    assertThat(PipelineDeliveryTest.seqs(Fixtures.lines(dir.resolve("plain.jsonl")))).containsExactlyElementsOf(frames);
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      DeliveryLedger ledger = new DeliveryLedger(store);
      assertThat(ledger.deadLetters("frames", 1_000)).isEmpty();
      List<DeliveryLedger.DeadLetter> dead = ledger.deadLetters("calls", 1_000);
      assertThat(dead).isNotEmpty().allSatisfy(d -> assertThat(d.error()).contains("kept more than 64 MiB"));
      // Every call was either transformed and delivered or dead-lettered: none lost.
      List<Long> accounted = new ArrayList<>(PipelineDeliveryTest.seqs(Fixtures.lines(dir.resolve("hoard.jsonl"))));
      dead.forEach(d -> accounted.add(d.sourceSeq()));
      assertThat(accounted).containsExactlyInAnyOrderElementsOf(calls);
    }
  }

  private Properties runInSmallHeap() throws Exception {
    assertThat(Runtime.version().feature()).as("the optimizing runtime's compiler needs JDK 25 or later")
        .isGreaterThanOrEqualTo(25);
    assertThat(COMPILER).as("the compiler jars, copied there by the transform module's build").isDirectory();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), HEAP, "-XX:+UnlockExperimentalVMOptions",
        "-XX:+EnableJVMCI", "--upgrade-module-path=" + COMPILER, "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS", "-cp", System.getProperty("java.class.path"),
        HoardingRun.class.getName(), dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile());
    Process run = pb.start();
    if (!run.waitFor(180, TimeUnit.SECONDS)) {
      run.destroyForcibly();
      throw new AssertionError("the run did not end within 180 s; its log: " + dir.resolve("run.log"));
    }
    System.out.println(Files.readString(dir.resolve("run.log"))); // into the test's report
    Path file = dir.resolve("result.properties");
    assertThat(file).as("the run's result; its log:%n%s", Files.readString(dir.resolve("run.log"))).exists();
    Properties result = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      result.load(in);
    }
    return result;
  }
}
