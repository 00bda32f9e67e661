package io.datasipper.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.api.json.EventJson;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;

/**
 * Copies what a script returned into fresh Jackson trees, accepting plain data only: objects,
 * arrays, strings, numbers, booleans, null and dates. Like {@code JSON.stringify}, object members
 * that are {@code undefined} are left out and non-finite numbers become null; unlike it, a function,
 * symbol or promise anywhere fails the event instead of vanishing. Nothing of the script's state
 * survives in the result, so later events cannot change what was emitted.
 */
final class OutputConverter {
  static final int MAX_DEPTH = 64;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter JS_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final int maxNodes;
  private int nodes;

  OutputConverter(int maxNodes) {
    this.maxNodes = maxNodes;
  }

  /** Thrown with the path to the offending value; the message completes "transform returned ...". */
  static final class Invalid extends RuntimeException {
    private final String what;
    private String path = "";

    Invalid(String what) {
      super(what, null, false, false);
      this.what = what;
    }

    Invalid at(String segment) {
      path = segment + path;
      return this;
    }

    @Override
    public String getMessage() {
      return path.isEmpty() ? what : what + " at " + path;
    }
  }

  /** A top-level object of the result, or one item of a returned array; counts towards the limit. */
  ObjectNode object(Value v) {
    return (ObjectNode) convert(v, 0);
  }

  void reset() {
    nodes = 0;
  }

  static boolean isUndefined(Value v) {
    return v.isNull() && "undefined".equals(v.toString());
  }

  /** True for what may become a JSON object: a script object or one of the event's views. */
  static boolean isObject(Value v) {
    if (v.isProxyObject()) {
      return v.asProxyObject() instanceof org.graalvm.polyglot.proxy.ProxyObject;
    }
    return v.hasMembers() && !v.isNull() && !v.canExecute() && !v.hasArrayElements() && !v.isDate()
        && describe(v).equals("an object");
  }

  /** "a number", "a function", ...: what the value is, for error messages. */
  static String describe(Value v) {
    if (v.isNull()) {
      return isUndefined(v) ? "undefined" : "null";
    }
    if (v.isString()) {
      return "a string";
    }
    if (v.isBoolean()) {
      return "a boolean";
    }
    if (v.isNumber()) {
      return "a number";
    }
    if (v.canExecute()) {
      return "a function";
    }
    if (v.hasArrayElements()) {
      return "an array";
    }
    Value meta = v.getMetaObject();
    String name = meta == null ? "" : meta.getMetaSimpleName();
    if ("Promise".equals(name)) {
      return "a Promise (transforms must be synchronous)";
    }
    if (name.equalsIgnoreCase("symbol")) {
      return "a symbol";
    }
    if (v.isDate()) {
      return "a date";
    }
    return v.hasMembers() ? "an object" : "a value of type " + name;
  }

  JsonNode convert(Value v, int depth) {
    count(depth);
    if (v.isNull()) {
      return NODES.nullNode();
    }
    if (v.isString()) {
      return NODES.textNode(v.asString());
    }
    if (v.isBoolean()) {
      return NODES.booleanNode(v.asBoolean());
    }
    if (v.isNumber()) {
      return number(v);
    }
    if (v.isProxyObject()) {
      return guest(v.asProxyObject(), depth);
    }
    if (v.canExecute()) {
      throw new Invalid("a function");
    }
    if (v.hasArrayElements()) {
      ArrayNode a = NODES.arrayNode();
      for (long i = 0; i < v.getArraySize(); i++) {
        try {
          a.add(convert(v.getArrayElement(i), depth + 1));
        } catch (Invalid e) {
          throw e.at("[" + i + "]");
        }
      }
      return a;
    }
    if (v.isDate() && v.isTime() && v.isTimeZone()) {
      return NODES.textNode(JS_DATE.format(v.asInstant())); // what Date.prototype.toJSON gives
    }
    if (!v.hasMembers()) {
      throw new Invalid(describe(v));
    }
    ObjectNode o = NODES.objectNode();
    for (String key : v.getMemberKeys()) {
      Value m = v.getMember(key);
      if (m == null || isUndefined(m)) {
        continue;
      }
      try {
        o.set(key, convert(m, depth + 1));
      } catch (Invalid e) {
        throw e.at("." + key);
      }
    }
    // Promises, symbols and the like have no own keys: only then is the (slower) type check worth it.
    if (o.isEmpty() && !describe(v).equals("an object")) {
      throw new Invalid(describe(v));
    }
    return o;
  }

  /** A value the view layer handed to the script, or a polyglot Value the script stored in a view. */
  private JsonNode guest(Object g, int depth) {
    if (g instanceof Value v) {
      return convert(v, depth);
    }
    if (g instanceof RecordView r) {
      return record(r, depth);
    }
    if (g instanceof ListView l) {
      return list(l, depth);
    }
    if (g == null || g instanceof String || g instanceof Number || g instanceof Boolean) {
      return untouched(g);
    }
    // ProxyObject.fromMap and friends from GuestValues: through the generic path.
    return convert(Value.asValue(g), depth);
  }

  private JsonNode record(RecordView r, int depth) {
    count(depth);
    ObjectNode o = NODES.objectNode();
    if (r.edited()) {
      for (Map.Entry<String, Object> m : r.members().entrySet()) {
        if (!(m.getValue() instanceof Value v && isUndefined(v))) {
          o.set(m.getKey(), member(m.getKey(), m.getValue(), depth));
        }
      }
      return o;
    }
    for (int i = 0; i < r.shape.names.length; i++) {
      Object view = r.cachedView(i);
      if (view != null) {
        o.set(r.shape.names[i], member(r.shape.names[i], view, depth));
      } else {
        Object raw = r.shape.get(i, r.record);
        if (raw != null) {
          o.set(r.shape.names[i], untouched(raw));
        }
      }
    }
    return o;
  }

  private JsonNode list(ListView l, int depth) {
    count(depth);
    ArrayNode a = NODES.arrayNode();
    List<?> items = l.edited() != null ? l.edited() : l.list;
    for (int i = 0; i < items.size(); i++) {
      Object view = l.edited() != null ? items.get(i) : l.cachedView(i);
      try {
        a.add(view != null ? guest(view, depth + 1) : untouched(items.get(i)));
      } catch (Invalid e) {
        throw e.at("[" + i + "]");
      }
    }
    return a;
  }

  private JsonNode member(String key, Object value, int depth) {
    try {
      return guest(value, depth + 1);
    } catch (Invalid e) {
      throw e.at("." + key);
    }
  }

  /** A part of the event the script never touched: exactly what EventJson writes. */
  private JsonNode untouched(Object raw) {
    JsonNode n = EventJson.mapper().valueToTree(raw);
    if (n == null) {
      n = NODES.nullNode();
    }
    nodes += n.size();
    count(0);
    return n;
  }

  private JsonNode number(Value v) {
    if (v.fitsInInt()) {
      return NODES.numberNode(v.asInt());
    }
    if (v.fitsInLong()) {
      return NODES.numberNode(v.asLong());
    }
    if (v.fitsInDouble()) {
      double d = v.asDouble();
      return Double.isFinite(d) ? NODES.numberNode(d) : NODES.nullNode();
    }
    return NODES.numberNode(v.asBigInteger()); // a BigInt too large for a double
  }

  private void count(int depth) {
    if (++nodes > maxNodes) {
      throw new Invalid("more than " + maxNodes + " JSON values");
    }
    if (depth > MAX_DEPTH) {
      throw new Invalid("data nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
    }
  }
}
