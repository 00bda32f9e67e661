package io.datasipper.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.capture.cdp.CdpConnection;
import io.datasipper.capture.network.TargetRef;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attaches to every target the browser reports (tabs, cross-origin frames, workers) and keeps the
 * session-to-target map the network recorder needs. Follows the attach sequence that lost nothing
 * in measurements: enable the network domain, auto-attach below this target, then let it run.
 */
final class TargetTracker {
  static final Set<String> CAPTURED_TYPES = Set.of("page", "iframe", "worker", "shared_worker", "service_worker");

  private final CdpConnection cdp;
  private final ObjectNode networkParams;
  private final Map<String, TargetRef> bySession = new HashMap<>();
  private final Map<String, String> sessionByTarget = new HashMap<>();
  private final Map<String, CompletableFuture<TargetRef>> ready = new ConcurrentHashMap<>();
  /** The tabs attached now, by target id: read by the dashboard's thread while this one changes it. */
  private final Set<String> tabs = ConcurrentHashMap.newKeySet();
  /** A tab attached while blank, the first one, while it stays attached: read by the thread opening pages. */
  private volatile String blankTab;

  TargetTracker(CdpConnection cdp, long maxResourceBytes) {
    this.cdp = cdp;
    // Explicit buffer sizes: with the defaults the browser evicted multi-megabyte bodies.
    long perResource = Math.max(10L << 20, maxResourceBytes * 2);
    this.networkParams = CdpConnection.params()
        .put("maxTotalBufferSize", Math.max(100L << 20, perResource * 4))
        .put("maxResourceBufferSize", perResource);
  }

  static ObjectNode autoAttachParams() {
    return CdpConnection.params().put("autoAttach", true).put("waitForDebuggerOnStart", true).put("flatten", true);
  }

  /** The target of a session, or null when the session is not one DataSipper captures. */
  TargetRef target(String sessionId) {
    return sessionId == null ? null : bySession.get(sessionId);
  }

  /** How many tabs (page targets) the capture is attached to now. */
  int tabCount() {
    return tabs.size();
  }

  /**
   * Completes once the target is attached and the commands that start its network events are sent.
   * The browser runs a session's commands in the order they were sent, so a navigation sent after
   * that is captured from its first request; waiting for the answer to {@code Network.enable} as
   * well cost a new tab 40-170 ms while its renderer started.
   */
  CompletableFuture<TargetRef> whenReady(String targetId) {
    return ready.computeIfAbsent(targetId, k -> new CompletableFuture<>());
  }

  void attached(String parentSessionId, JsonNode p) {
    String sessionId = p.path("sessionId").asText();
    JsonNode info = p.path("targetInfo");
    String targetId = info.path("targetId").asText();
    String type = info.path("type").asText();
    // A service worker is reported to both the browser and its page: keep the first session only.
    if (!CAPTURED_TYPES.contains(type) || sessionByTarget.containsKey(targetId)) {
      cdp.send(sessionId, "Runtime.runIfWaitingForDebugger", null);
      cdp.send("Target.detachFromTarget", CdpConnection.params().put("sessionId", sessionId));
      return;
    }
    TargetRef parent = target(parentSessionId);
    String tabId = type.equals("page") ? targetId : parent == null ? null : parent.tabId();
    TargetRef ref = new TargetRef(sessionId, targetId, type, tabId, info.path("url").asText(""));
    bySession.put(sessionId, ref);
    sessionByTarget.put(targetId, sessionId);
    if (type.equals("page")) {
      tabs.add(targetId);
      if (blankTab == null && ref.url().equals("about:blank")) {
        blankTab = targetId;
      }
    }
    cdp.send(sessionId, "Network.enable", networkParams.deepCopy());
    cdp.send(sessionId, "Target.setAutoAttach", autoAttachParams());
    cdp.send(sessionId, "Runtime.runIfWaitingForDebugger", null);
    whenReady(targetId).complete(ref);
  }

  /**
   * The first tab attached while blank, if still attached: a browser launched on about:blank has
   * it attached before {@code Target.setAutoAttach} is answered. Null if there is none.
   */
  String blankTab() {
    return blankTab;
  }

  /** Keeps a target's URL current: whether its traffic is DataSipper's own depends on it. */
  void infoChanged(JsonNode p) {
    JsonNode info = p.path("targetInfo");
    String sessionId = sessionByTarget.get(info.path("targetId").asText());
    TargetRef ref = sessionId == null ? null : bySession.get(sessionId);
    if (ref != null) {
      bySession.put(sessionId, ref.withUrl(info.path("url").asText("")));
    }
  }

  void detached(JsonNode p) {
    TargetRef ref = bySession.remove(p.path("sessionId").asText());
    if (ref != null) {
      sessionByTarget.remove(ref.targetId());
      tabs.remove(ref.targetId());
      ready.remove(ref.targetId());
      if (ref.targetId().equals(blankTab)) {
        blankTab = null;
      }
    }
  }
}
