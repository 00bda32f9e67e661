package io.datasipper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
  @Test
  void tellsChromiumsProcessesApartByTheirCommandLine() {
    assertThat(ThreadCpu.kind("/usr/lib/chromium/chromium --headless=new --user-data-dir=/tmp/p")).isEqualTo("browser");
    assertThat(ThreadCpu.kind("/usr/lib/chromium/chromium --type=renderer --lang=en-US")).isEqualTo("renderer");
    assertThat(ThreadCpu.kind("/usr/lib/chromium/chromium --type=gpu-process --use-gl=angle")).isEqualTo("gpu-process");
    assertThat(ThreadCpu.kind("/usr/lib/chromium/chromium --type=utility"
        + " --utility-sub-type=network.mojom.NetworkService --lang=en-US")).isEqualTo("utility:NetworkService");
  }

  @Test
  void givesTheCpuABusyThreadUsedUnderItsName() throws Exception {
    ThreadCpu before = ThreadCpu.read(ProcessHandle.current());
    Thread busy = new Thread(() -> {
      long until = System.nanoTime() + 400_000_000L;
      long spins = 0;
      while (System.nanoTime() < until) {
        spins++;
      }
      assertThat(spins).isPositive();
    }, "cpu-burner");
    busy.start();
    // Read while the thread is still alive: an ended thread counts nothing.
    Thread.sleep(300);
    String used = ThreadCpu.read(ProcessHandle.current()).since(before, 50);
    busy.join();

    Matcher burner = Pattern.compile("browser cpu-burner (\\d+\\.\\d)").matcher(used);
    assertThat(burner.find()).as(used).isTrue();
    assertThat(Double.parseDouble(burner.group(1))).as(used).isGreaterThanOrEqualTo(0.1);
    Matcher total = Pattern.compile("^(\\d+\\.\\d) s in all: ").matcher(used);
    assertThat(total.find()).as(used).isTrue();
    assertThat(Double.parseDouble(total.group(1))).as(used).isGreaterThanOrEqualTo(Double.parseDouble(burner.group(1)));
  }
}
