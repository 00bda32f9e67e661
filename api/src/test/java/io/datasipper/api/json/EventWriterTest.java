package io.datasipper.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link EventWriter} writes every event exactly as the mapper writes it from the records: each
 * type is built by reflection with every component set (so a component added to a record and not
 * to the writer fails here), then with each nullable component null in turn, with each constant of
 * its enums, and with strings that need escaping and numbers and times of every shape.
 */
class EventWriterTest {
  private static final List<String> TEXTS = List.of("plain", "quote \" backslash \\ tab \t nl \n", "ünï €😀 \u0001");
  private static final List<Instant> TIMES = List.of(Instant.parse("2026-11-26T12:00:00Z"),
      Instant.parse("2026-11-26T12:00:00.120Z"), Instant.parse("2026-11-26T12:00:00.123456789Z"));
  private static final List<Double> DOUBLES = List.of(0.0, -1.0, 0.1, 12.5, 1e21, 123456.789);

  @Test
  void everyEventTypeIsWrittenAsTheMapperWritesIt() throws Exception {
    int compared = 0;
    for (Class<?> type : eventTypes(CaptureEvent.class)) {
      for (int variant = 0; variant < 3; variant++) {
        compare((CaptureEvent) sample(type, variant, null));
        compared++;
      }
      for (RecordComponent nulled : allComponents(type)) {
        Object event = sampleOrNull(type, nulled);
        if (event != null) {
          compare((CaptureEvent) event);
          compared++;
        }
      }
    }
    assertThat(compared).as("events compared").isGreaterThan(50);
  }

  @Test
  void everyConstantOfTheEventsEnumsIsWrittenAsTheMapperWritesIt() throws Exception {
    for (Class<?> type : eventTypes(CaptureEvent.class)) {
      for (RecordComponent c : allComponents(type)) {
        if (c.getType().isEnum()) {
          for (Object constant : c.getType().getEnumConstants()) {
            compare((CaptureEvent) sample(type, 0, new Fixed(c, constant)));
          }
        }
      }
    }
  }

  /** The records that implement a sealed interface, through the sealed interfaces between. */
  private static List<Class<?>> eventTypes(Class<?> sealed) {
    return Arrays.stream(sealed.getPermittedSubclasses())
        .flatMap(c -> c.isSealed() ? eventTypes(c).stream() : Stream.of(c)).toList();
  }

  private static void compare(CaptureEvent event) throws Exception {
    assertThat(EventJson.write(event)).as("%s", event).isEqualTo(EventJson.mapper().writeValueAsString(event));
  }

  /** Components of a record and of the records within it, for the null and enum variants. */
  private static List<RecordComponent> allComponents(Class<?> type) {
    List<RecordComponent> all = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      all.add(c);
      Class<?> inner = c.getType() == List.class ? elementType(c.getGenericType()) : c.getType();
      if (inner.isRecord()) {
        all.addAll(allComponents(inner));
      }
    }
    return all;
  }

  private record Fixed(RecordComponent component, Object value) {}

  /** The sample with {@code nulled} null, or null where the record refuses a null there. */
  private static Object sampleOrNull(Class<?> type, RecordComponent nulled) throws Exception {
    if (nulled.getType().isPrimitive()) {
      return null;
    }
    try {
      return sample(type, 1, new Fixed(nulled, null));
    } catch (InvocationTargetException refused) {
      return null;
    }
  }

  private static Object sample(Class<?> type, int variant, Fixed fixed) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      values[i] = fixed != null && fixed.component().equals(c) ? fixed.value()
          : value(c.getType(), c.getGenericType(), variant + i, fixed);
    }
    Constructor<?> canonical = type.getDeclaredConstructor(types);
    return canonical.newInstance(values);
  }

  private static Object value(Class<?> type, Type generic, int n, Fixed fixed) throws Exception {
    if (type == String.class) {
      return TEXTS.get(n % TEXTS.size());
    } else if (type == long.class || type == Long.class) {
      return 1_234_567_890_123L + n;
    } else if (type == int.class || type == Integer.class) {
      return 200 + n;
    } else if (type == boolean.class || type == Boolean.class) {
      return n % 2 == 0;
    } else if (type == double.class || type == Double.class) {
      return DOUBLES.get(n % DOUBLES.size());
    } else if (type == Instant.class) {
      return TIMES.get(n % TIMES.size());
    } else if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return constants[n % constants.length];
    } else if (type == List.class) {
      Class<?> element = elementType(generic);
      return List.of(value(element, element, n, fixed), value(element, element, n + 1, fixed));
    } else if (type.isRecord()) {
      return sample(type, n, fixed);
    }
    throw new AssertionError("no sample value for " + generic + ": teach this test (and EventWriter) the type");
  }

  private static Class<?> elementType(Type list) {
    return (Class<?>) ((ParameterizedType) list).getActualTypeArguments()[0];
  }
}
