package io.datasipper.transform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Turns what {@code transform(event)} returned into a {@link TransformResult}.
 *
 * <p>Two paths, because every call on a polyglot {@link Value} costs a boundary crossing (a few
 * hundred ns): results made of plain script data (object literals, arrays, strings, numbers) are
 * checked and serialized in one pass inside the script's context by {@link #RUNNER} (faster there
 * than JSON.stringify, which is not inlined) and cross once, as JSON text. An object's text is
 * emitted as it is; an array's is split into its objects with {@link JsonText}. Anything else (the
 * event's own views, dates, class instances, functions, ...) comes back as is and goes through
 * {@link OutputConverter}, which reads views straight from the event and explains what is wrong
 * with the rest.
 */
final class Results {
  /**
   * Calls the user's function. Internal, so its statements do not count against the statement limit
   * (its time does). A plain object's prototype is Object.prototype; the event's views (foreign
   * objects) and everything else that needs a closer look fail that test and are handed back
   * wrapped as {raw, tooBig}, like every result that is not null, an object or an array. Numbers print as in
   * JSON.stringify (ToString; NaN and infinities as null); strings with quotes, backslashes, control
   * characters or surrogates are left to JSON.stringify.
   */
  static final Source RUNNER = Source.newBuilder("js", """
      (function (transform, maxNodes) {
        'use strict';
        const getPrototypeOf = Object.getPrototypeOf, keys = Object.keys, isArray = Array.isArray;
        const ObjectProto = Object.prototype, ArrayProto = Array.prototype, stringify = JSON.stringify;
        const ESCAPE = /[\\u0000-\\u001f"\\\\\\ud800-\\udfff]/;
        let nodes = 0;
        function str(s) {
          return ESCAPE.test(s) ? stringify(s) : '"' + s + '"';
        }
        // Results reuse a handful of keys: quoting each once saves a quarter of the serializing.
        const quoted = new Map();
        function key(k) {
          let q = quoted.get(k);
          if (q === undefined) {
            q = str(k) + ':';
            if (quoted.size < 10000) quoted.set(k, q);
          }
          return q;
        }
        // JSON text of v as JSON.stringify writes it, or null when v is not plain data.
        function json(v, depth) {
          if (++nodes > maxNodes || depth > %d) return null;
          switch (typeof v) {
            case 'string': return str(v);
            case 'number': return v - v === 0 ? '' + v : 'null';
            case 'boolean': return v ? 'true' : 'false';
            case 'object': break;
            default: return null;
          }
          if (v === null) return 'null';
          let s;
          if (isArray(v)) {
            if (getPrototypeOf(v) !== ArrayProto) return null;
            if (nodes + v.length > maxNodes) { // before walking it: cold code walks slowly
              nodes = maxNodes + 1;
              return null;
            }
            s = '[';
            for (let i = 0; i < v.length; i++) {
              const x = v[i], j = x === undefined ? 'null' : json(x, depth + 1);
              if (j === null) return null;
              s += i === 0 ? j : ',' + j;
            }
            return s + ']';
          }
          if (getPrototypeOf(v) !== ObjectProto) return null;
          s = '{';
          const ks = keys(v);
          for (let i = 0; i < ks.length; i++) {
            const x = v[ks[i]];
            if (x === undefined) continue;
            const j = json(x, depth + 1);
            if (j === null) return null;
            s = s.length === 1 ? s + key(ks[i]) + j : s + ',' + key(ks[i]) + j;
          }
          return s + '}';
        }
        return function run(event) {
          const r = transform(event);
          if (r === null) return null;
          nodes = 0;
          const j = typeof r === 'object' ? json(r, 0) : null;
          return j !== null ? j : {raw: r, tooBig: nodes > maxNodes};
        };
      })""".formatted(OutputConverter.MAX_DEPTH), "datasipper-runner.js").internal(true).buildLiteral();

  private final OutputConverter converter;
  private final int maxNodes;

  Results(int maxNodes) {
    this.maxNodes = maxNodes;
    converter = new OutputConverter(maxNodes);
  }

  /** The function to call with each event's view: {@link #RUNNER} around the user's {@code transform}. */
  static Value runner(Context context, Value transform, int maxNodes) {
    return context.eval(RUNNER).execute(transform, maxNodes);
  }

  /** What {@link #runner} returned; throws {@link OutputConverter.Invalid} for unusable data. */
  TransformResult read(Value r) {
    if (r.isString()) { // the common case first: each question asked of a Value crosses into the script's context
      return fromJson(r.asString());
    }
    if (r.isNull()) {
      return TransformResult.DROP;
    }
    if (r.getMember("tooBig").asBoolean()) { // counted by the runner: no need to walk it again
      throw new OutputConverter.Invalid("more than " + maxNodes + " JSON values");
    }
    return fromValue(r.getMember("raw"));
  }

  private static TransformResult fromJson(String json) {
    if (json.charAt(0) == '{') { // one object, as the runner wrote it: passed on as it is
      return new TransformResult.Emit(List.of(json));
    }
    JsonNode n = JsonText.parse(json);
    List<String> events = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      JsonNode item = n.get(i);
      if (item.isObject()) {
        events.add(item.toString());
      } else if (!item.isNull()) { // [a, cond ? b : null] is handy
        return notObjects(i, item.isArray() ? "an array" : "a " + item.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return events.isEmpty() ? TransformResult.DROP : new TransformResult.Emit(events);
  }

  private TransformResult fromValue(Value r) {
    converter.reset();
    if (r.isNull()) { // null came back as null: this is undefined
      return new TransformResult.Failed("transform returned undefined; expected an object, an array or null"
          + " (is a return statement missing?)");
    }
    if (OutputConverter.isObject(r)) {
      return new TransformResult.Emit(List.of(converter.object(r).toString()));
    }
    if (!r.hasArrayElements()) {
      return new TransformResult.Failed("transform returned " + OutputConverter.describe(r)
          + "; expected an object, an array or null");
    }
    List<String> events = new ArrayList<>();
    for (long i = 0; i < r.getArraySize(); i++) {
      Value item = r.getArrayElement(i);
      if (item.isNull()) {
        continue;
      }
      if (!OutputConverter.isObject(item)) {
        return notObjects(i, OutputConverter.describe(item));
      }
      try {
        events.add(converter.object(item).toString());
      } catch (OutputConverter.Invalid e) {
        throw e.at("[" + i + "]");
      }
    }
    return events.isEmpty() ? TransformResult.DROP : new TransformResult.Emit(events);
  }

  private static TransformResult notObjects(long i, String what) {
    return new TransformResult.Failed("transform returned an array whose item " + i + " is " + what
        + "; expected objects");
  }
}
