package io.datasipper.transform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * An event (or a record inside one) as the script sees it: its documented JSON form, read lazily
 * from the immutable record, so a transform that looks at two fields pays for two fields.
 *
 * <p>Copy on write: the first assignment or {@code delete} copies the properties into a map owned by
 * this view; the record, which other streams and outputs share, is never touched. Nested views are
 * cached so {@code e.response === e.response} and edits to {@code e.response} stick.
 */
final class RecordView implements ProxyObject {
  final Record record;
  final RecordShape shape;
  /** Guest values of the properties read so far: GraalJS asks hasMember before every getMember. */
  private Object[] cache;
  private Map<String, Object> edited;
  private static final Object ABSENT = new Object();

  RecordView(Record record) {
    this.record = record;
    this.shape = RecordShape.of(record.getClass());
  }

  @Override
  public Object getMember(String key) {
    if (edited != null) {
      return edited.get(key);
    }
    int i = shape.indexOf(key);
    return i < 0 ? null : value(i);
  }

  @Override
  public boolean hasMember(String key) {
    if (edited != null) {
      return edited.containsKey(key);
    }
    int i = shape.indexOf(key);
    return i >= 0 && value(i) != null;
  }

  @Override
  public Object getMemberKeys() {
    if (edited != null) {
      return ProxyArray.fromArray(edited.keySet().toArray());
    }
    List<Object> keys = new ArrayList<>(shape.names.length);
    for (int i = 0; i < shape.names.length; i++) {
      if (shape.get(i, record) != null) {
        keys.add(shape.names[i]);
      }
    }
    return ProxyArray.fromList(keys);
  }

  @Override
  public void putMember(String key, Value value) {
    edit().put(key, value);
  }

  @Override
  public boolean removeMember(String key) {
    return edit().remove(key) != null;
  }

  /** True once the script changed this view itself (not counting views nested in it). */
  boolean edited() {
    return edited != null;
  }

  /** The script's own copy of the members, in order; values are guest values or polyglot Values. */
  Map<String, Object> members() {
    return edit();
  }

  /** The cached view of property {@code i}, or null when the script never read it as a view. */
  Object cachedView(int i) {
    Object v = cache == null ? null : cache[i];
    return GuestValues.isView(v) ? v : null;
  }

  private Object value(int i) {
    if (cache == null) {
      cache = new Object[shape.names.length];
    }
    Object v = cache[i];
    if (v == null) {
      Object raw = shape.get(i, record);
      v = raw == null ? ABSENT : GuestValues.toGuest(raw);
      cache[i] = v;
    }
    return v == ABSENT ? null : v;
  }

  private Map<String, Object> edit() {
    if (edited == null) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < shape.names.length; i++) {
        Object v = value(i);
        if (v != null) {
          m.put(shape.names[i], v);
        }
      }
      edited = m;
    }
    return edited;
  }
}
