package io.datasipper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    CountDownLatch burnt = new CountDownLatch(1);
    CountDownLatch read = new CountDownLatch(1);
    Thread busy = new Thread(() -> {
      // Burns 0.2 s of its own CPU, however long a busy machine makes that take, then stays alive
      // until read: an ended thread counts nothing.
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long until = threads.getCurrentThreadCpuTime() + 200_000_000L;
      while (threads.getCurrentThreadCpuTime() < until) {
        Thread.onSpinWait();
      }
      burnt.countDown();
      try {
        read.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "cpu-burner");
    busy.start();
    assertThat(burnt.await(60, TimeUnit.SECONDS)).isTrue();
    String used = ThreadCpu.read(ProcessHandle.current()).since(before, 50);
    read.countDown();
    busy.join();

    Matcher burner = Pattern.compile("browser cpu-burner (\\d+\\.\\d)").matcher(used);
    assertThat(burner.find()).as(used).isTrue();
    assertThat(Double.parseDouble(burner.group(1))).as(used).isBetween(0.15, 1.0);
    Matcher total = Pattern.compile("^(\\d+\\.\\d) s in all: ").matcher(used);
    assertThat(total.find()).as(used).isTrue();
    assertThat(Double.parseDouble(total.group(1))).as(used).isGreaterThanOrEqualTo(Double.parseDouble(burner.group(1)));
  }
}
