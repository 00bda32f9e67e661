package io.datasipper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.capture.cdp.CdpEvent;
import org.junit.jupiter.api.Test;

class LongTaskTraceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void countsTheRenderersTasksByTheInterfaceTheirMojoMessageCameIn() throws Exception {
    LongTaskTrace trace = new LongTaskTrace();
    trace.accept(new CdpEvent(null, "Tracing.dataCollected", JSON.readTree("""
        {"value": [
          {"ph": "M", "pid": 7, "tid": 1, "name": "thread_name", "args": {"name": "CrRendererMain"}},
          {"ph": "X", "pid": 7, "tid": 1, "name": "RunTask", "ts": 1000, "dur": 300, "tdur": 200},
          {"ph": "X", "pid": 7, "tid": 1, "name": "Receive mojo message", "ts": 1010, "dur": 250, "tdur": 180,
           "args": {"chrome_mojo_event_info": {"mojo_interface_tag": "network.mojom.WebSocketClient"}}},
          {"ph": "X", "pid": 7, "tid": 1, "name": "RunTask", "ts": 2000, "dur": 100, "tdur": 90},
          {"ph": "X", "pid": 7, "tid": 1, "name": "Receive mojo message", "ts": 2010, "dur": 80, "tdur": 70,
           "args": {"chrome_mojo_event_info": {"mojo_interface_tag": "network.mojom.WebSocketClient"}}},
          {"ph": "X", "pid": 7, "tid": 1, "name": "RunTask", "ts": 3000, "dur": 500, "tdur": 400},
          {"ph": "X", "pid": 7, "tid": 1, "name": "TimerFire", "ts": 3010, "dur": 450, "tdur": 380},
          {"ph": "X", "pid": 8, "tid": 1, "name": "RunTask", "ts": 3000, "dur": 900, "tdur": 900}
        ]}
        """)));
    trace.accept(new CdpEvent(null, "Tracing.tracingComplete", JSON.createObjectNode()));

    assertThat(trace.complete()).isDone();
    String work = trace.mainThreadWork(5);
    assertThat(work).startsWith("3 tasks, 1 ms wall, 1 ms running");
    assertThat(work).contains("its tasks by what each ran first: Receive mojo message (network.mojom.WebSocketClient)"
        + " 2 tasks, 0 ms (ran 0), TimerFire 1 tasks");
  }
}
