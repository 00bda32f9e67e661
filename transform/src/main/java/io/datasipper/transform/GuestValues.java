package io.datasipper.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.json.EventJson;
import io.datasipper.api.json.IsoInstants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Turns the Java values inside events into what the script sees: strings, numbers and booleans as
 * they are, times and enums as their JSON strings, records and lists as lazy read-only views.
 * No host object ever reaches the script (the context allows no host access anyway).
 */
final class GuestValues {
  private static final Map<Enum<?>, String> ENUM_NAMES = new ConcurrentHashMap<>();

  private GuestValues() {}

  static Object toGuest(Object raw) {
    if (raw == null || raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
      return raw;
    }
    if (raw instanceof Instant t) {
      return IsoInstants.format(t); // what EventJson writes
    }
    if (raw instanceof Enum<?> e) {
      return ENUM_NAMES.computeIfAbsent(e, k -> EventJson.mapper().convertValue(k, String.class));
    }
    if (raw instanceof Record r) {
      return new RecordView(r);
    }
    if (raw instanceof List<?> l) {
      return new ListView(l);
    }
    // Not in today's events; any future type still reaches the script as plain data.
    return fromTree(EventJson.mapper().valueToTree(raw));
  }

  /** Whether {@code v} needs a per-view cache slot: views keep their identity and the script's edits. */
  static boolean isView(Object v) {
    return v instanceof RecordView || v instanceof ListView || v instanceof ProxyObject || v instanceof ProxyArray;
  }

  private static Object fromTree(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      n.properties().forEach(p -> m.put(p.getKey(), fromTree(p.getValue())));
      return ProxyObject.fromMap(m);
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(v -> l.add(fromTree(v)));
      return ProxyArray.fromList(l);
    }
    if (n.isNumber()) {
      return n.numberValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    return n.isNull() ? null : n.asText();
  }
}
