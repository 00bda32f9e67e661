package io.datasipper.transform;

import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * A list inside an event (headers, redirects) as a script array: lazy, with nested views cached, and
 * copied on the first write so the shared event is never changed.
 */
final class ListView implements ProxyArray {
  final List<?> list;
  private Object[] cache;
  private List<Object> edited;

  ListView(List<?> list) {
    this.list = list;
  }

  @Override
  public Object get(long index) {
    int i = checked(index, size());
    if (edited != null) {
      return edited.get(i);
    }
    if (cache != null && cache[i] != null) {
      return cache[i];
    }
    Object v = GuestValues.toGuest(list.get(i));
    if (GuestValues.isView(v)) {
      if (cache == null) {
        cache = new Object[list.size()];
      }
      cache[i] = v;
    }
    return v;
  }

  @Override
  public void set(long index, Value value) {
    List<Object> e = edit();
    int i = checked(index, e.size() + 1); // index == size appends, as push() does
    if (i == e.size()) {
      e.add(value);
    } else {
      e.set(i, value);
    }
  }

  @Override
  public boolean remove(long index) {
    List<Object> e = edit();
    e.remove(checked(index, e.size()));
    return true;
  }

  @Override
  public long getSize() {
    return size();
  }

  /** The script's own copy of the items, or null while it only read them. */
  List<Object> edited() {
    return edited;
  }

  /** The cached view of item {@code i}, or null when the script never read it as a view. */
  Object cachedView(int i) {
    return cache == null ? null : cache[i];
  }

  private int size() {
    return edited != null ? edited.size() : list.size();
  }

  private static int checked(long index, int bound) {
    if (index < 0 || index >= bound) {
      throw new ArrayIndexOutOfBoundsException("index " + index + " of " + bound);
    }
    return (int) index;
  }

  private List<Object> edit() {
    if (edited == null) {
      List<Object> e = new ArrayList<>(list.size() + 4);
      for (int i = 0; i < list.size(); i++) {
        e.add(get(i));
      }
      edited = e;
    }
    return edited;
  }
}
