package io.datasipper.bench;

import io.datasipper.api.event.EventStamps;
import io.datasipper.capture.Capture;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.LaunchOptions;
import io.datasipper.capture.cdp.CdpConnection;
import io.datasipper.capture.cdp.PipeTransport;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A headless Chromium that {@link PageLoadBench} opens pages in, each in a new tab. */
interface PageBrowser extends AutoCloseable {
  void open(String url) throws Exception;

  /** CPU seconds the browser has used so far, all its processes together. */
  double cpuSeconds();

  /** The page tabs open now (each load's tab closes itself once it has reported); -1 if unknown. */
  default int openTabs() throws Exception {
    return -1;
  }

  @Override
  void close();

  /** Chromium with these flags over the pipe, driven by bare CDP: nothing captured. */
  static PageBrowser plain(Path chromium, Path profile, List<String> flags) throws Exception {
    Process process = new ProcessBuilder(ChromiumFlags.pipeCommand(chromium, profile, flags))
        .redirectError(ProcessBuilder.Redirect.appendTo(profile.resolveSibling(profile.getFileName() + ".log").toFile()))
        .start();
    CdpConnection cdp = new CdpConnection(new PipeTransport(process.getOutputStream(), process.getInputStream(),
        "pageload-cdp"));
    cdp.start(e -> { });
    cdp.send("Browser.getVersion", null).get(30, TimeUnit.SECONDS);
    ProcessHandle root = BrowserCpu.root(profile);
    return new PageBrowser() {
      @Override
      public double cpuSeconds() {
        return BrowserCpu.seconds(root);
      }

      @Override
      public void open(String url) throws Exception {
        cdp.send("Target.createTarget", CdpConnection.params().put("url", url)).get(30, TimeUnit.SECONDS);
      }

      @Override
      public int openTabs() throws Exception {
        int pages = 0;
        for (var target : cdp.send("Target.getTargets", null).get(30, TimeUnit.SECONDS).path("targetInfos")) {
          pages += target.path("type").asText().equals("page") ? 1 : 0;
        }
        return pages;
      }

      @Override
      public void close() {
        cdp.send("Browser.close", null);
        try {
          if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          process.destroyForcibly();
          Thread.currentThread().interrupt();
        }
        cdp.close();
      }
    };
  }

  /** DataSipper as a user runs it: {@link Capture#launch} into the store writer on SQLite, default rules. */
  static PageBrowser capturing(Path chromium, Path dir) throws Exception {
    EventStore store = EventStore.open(dir.resolve("data"));
    EventStamps stamps = new EventStamps(store.maxSeq() + 1);
    StoreWriter writer = new StoreWriter(store, new RingBuffer(), stamps, StoreWriter.Settings.defaults());
    Capture capture = Capture.launch(new LaunchOptions(chromium, dir.resolve("profile"), false, ChromiumFlags.HERMETIC),
        CaptureRules.defaults(), stamps, writer);
    ProcessHandle root = BrowserCpu.root(dir.resolve("profile"));
    return new PageBrowser() {
      @Override
      public double cpuSeconds() {
        return BrowserCpu.seconds(root);
      }

      @Override
      public void open(String url) throws Exception {
        capture.open(url);
      }

      @Override
      public void close() {
        capture.close();
        writer.close();
        store.close();
      }
    };
  }
}
