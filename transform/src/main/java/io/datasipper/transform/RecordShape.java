package io.datasipper.transform;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The JSON properties of one event class, in the order {@link EventJson} writes them, read lazily
 * from the record. Taken from Jackson's own serializer so names, order and ignored members can
 * never drift from the documented JSON form.
 */
final class RecordShape {
  private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
    @Override
    protected RecordShape computeValue(Class<?> type) {
      return new RecordShape(type);
    }
  };

  final String[] names;
  private final Getter[] getters;

  /** Reads one property of a record. */
  @FunctionalInterface
  private interface Getter {
    Object get(Object record);
  }

  static RecordShape of(Class<?> type) {
    return SHAPES.get(type);
  }

  private RecordShape(Class<?> type) {
    List<String> n = new ArrayList<>();
    List<Getter> g = new ArrayList<>();
    if (CaptureEvent.class.isAssignableFrom(type)) {
      // Written by the type serializer of CaptureEvent, not by the bean serializer: first, as in the docs.
      n.add("type");
      g.add(e -> ((CaptureEvent) e).type());
    }
    Iterator<PropertyWriter> props = serializer(type).properties();
    while (props.hasNext()) {
      BeanPropertyWriter w = (BeanPropertyWriter) props.next();
      n.add(w.getName());
      g.add(getter(w));
    }
    names = n.toArray(String[]::new);
    getters = g.toArray(Getter[]::new);
  }

  /**
   * A scan, not a hash lookup: the script's property names arrive as new strings on every access
   * (no cached hash code), and String.equals rejects most of a dozen names on length alone.
   */
  int indexOf(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The raw Java value of property {@code i}; null means the key is absent from the JSON form. */
  Object get(int i, Object record) {
    return getters[i].get(record);
  }

  private static JsonSerializer<Object> serializer(Class<?> type) {
    ObjectMapper mapper = EventJson.mapper();
    try {
      return mapper.getSerializerProviderInstance().findValueSerializer(type);
    } catch (JsonMappingException e) {
      throw new IllegalStateException("no JSON form for " + type.getName(), e);
    }
  }

  /**
   * A getter that calls the property's public accessor directly: through the property writer, each
   * read is a reflective call, which a transform pays for every property it reads of every event.
   * Any other property is read through the writer.
   */
  private static Getter getter(BeanPropertyWriter w) {
    if (w.getMember().getMember() instanceof Method m && Modifier.isPublic(m.getModifiers())
        && Modifier.isPublic(m.getDeclaringClass().getModifiers()) && m.getParameterCount() == 0) {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        return (Getter) LambdaMetafactory.metafactory(lookup, "get", MethodType.methodType(Getter.class),
                MethodType.methodType(Object.class, Object.class), lookup.unreflect(m),
                MethodType.methodType(m.getReturnType(), m.getDeclaringClass()).wrap())
            .getTarget().invokeExact();
      } catch (Throwable e) {
        throw new IllegalStateException("cannot read " + w.getName() + " of " + m.getDeclaringClass().getSimpleName(), e);
      }
    }
    return bean -> get(w, bean);
  }

  private static Object get(BeanPropertyWriter w, Object bean) {
    try {
      return w.get(bean);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + w.getName() + " of " + bean.getClass().getSimpleName(), e);
    }
  }
}
