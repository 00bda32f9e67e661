package io.datasipper.route;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the values at a set of JSON paths from a document in one streaming pass, instead of
 * building the whole tree: subtrees no path leads into are skipped without making objects, and
 * reading stops once every path has its value. This is the costly part of routing, done at most
 * once per event and JSON source for all the streams' paths together.
 *
 * <p>Consequences worth knowing: a key that appears twice gives its first value, and a document
 * that turns out to be malformed (or is cut) after a value was read still gives that value. A path
 * that ends at an object or array gives it as a {@link JsonNode}.
 */
final class JsonPlan {
  private static final ObjectMapper MAPPER = new ObjectMapper(
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());

  private final Map<JsonPath, Integer> ids = new HashMap<>();
  private final Step root = new Step();

  /** A point in the tree of planned paths. */
  private static final class Step {
    int id = -1;
    Map<String, Step> keys;
    List<Integer> indexes;
    List<Step> indexSteps;

    Step key(String key) {
      return keys == null ? null : keys.get(key);
    }

    Step index(int index) {
      if (indexes != null) {
        for (int i = 0; i < indexes.size(); i++) {
          if (indexes.get(i) == index) {
            return indexSteps.get(i);
          }
        }
      }
      return null;
    }
  }

  /** @param paths distinct paths; each one's index in the list is its {@link #id} */
  JsonPlan(List<JsonPath> paths) {
    for (JsonPath path : paths) {
      if (ids.containsKey(path)) {
        throw new IllegalArgumentException("path planned twice: " + path);
      }
      Step step = root;
      for (int i = 0; i < path.length(); i++) {
        step = child(step, path.step(i));
      }
      step.id = ids.size();
      ids.put(path, step.id);
    }
  }

  /** The index of {@code path}'s value in what {@link #read} gives, or -1 when it is not planned. */
  int id(JsonPath path) {
    Integer id = ids.get(path);
    return id == null ? -1 : id;
  }

  /**
   * The values at the planned paths, by {@link #id}: field values as {@link Values} describes,
   * null where the document has no value (or JSON null), all null when {@code text} is no JSON
   * object or array.
   */
  Object[] read(String text) {
    Reading reading = new Reading(ids.size());
    if (text == null || !startsLikeJsonContainer(text)) {
      return reading.values;
    }
    try (JsonParser parser = MAPPER.createParser(text)) {
      parser.nextToken();
      reading.value(parser, root);
    } catch (JacksonException e) {
      // Malformed after some values were read: those stand, the rest stay missing.
    } catch (IOException e) {
      throw new IllegalStateException("cannot happen when reading from a String", e);
    }
    return reading.values;
  }

  private static Step child(Step step, Object key) {
    if (key instanceof String name) {
      if (step.keys == null) {
        step.keys = new HashMap<>();
      }
      return step.keys.computeIfAbsent(name, k -> new Step());
    }
    int index = (Integer) key;
    Step child = step.index(index);
    if (child == null) {
      if (step.indexes == null) {
        step.indexes = new ArrayList<>();
        step.indexSteps = new ArrayList<>();
      }
      child = new Step();
      step.indexes.add(index);
      step.indexSteps.add(child);
    }
    return child;
  }

  /** The state of one pass over one document. */
  private static final class Reading {
    final Object[] values;
    final boolean[] found;
    int missing;

    Reading(int size) {
      values = new Object[size];
      found = new boolean[size];
      missing = size;
    }

    /**
     * Reads the value the parser is at, and the planned paths below it.
     *
     * @return false once every path has been found, to stop reading
     */
    boolean value(JsonParser parser, Step step) throws IOException {
      JsonToken token = parser.currentToken();
      if (step.id >= 0) {
        if (!token.isStructStart()) {
          return found(step.id, scalar(parser));
        }
        // Wanted whole, and maybe parts of it too: a tree, then the parts from the tree.
        JsonNode tree = MAPPER.readTree(parser);
        found(step.id, tree);
        return fromTree(tree, step);
      }
      if (token == JsonToken.START_OBJECT && step.keys != null) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          Step child = step.keys.get(parser.currentName());
          parser.nextToken();
          if (child == null) {
            parser.skipChildren();
          } else if (!value(parser, child)) {
            return false;
          }
        }
        return true;
      }
      if (token == JsonToken.START_ARRAY && step.indexes != null) {
        for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
          Step child = step.index(i);
          if (child == null) {
            parser.skipChildren();
          } else if (!value(parser, child)) {
            return false;
          }
        }
        return true;
      }
      parser.skipChildren(); // a scalar, or a container no path goes into
      return true;
    }

    private boolean fromTree(JsonNode node, Step step) {
      if (step.keys != null) {
        for (Map.Entry<String, Step> key : step.keys.entrySet()) {
          JsonNode child = node.get(key.getKey());
          if (child != null && !fromTreeNode(child, key.getValue())) {
            return false;
          }
        }
      }
      if (step.indexes != null) {
        for (int i = 0; i < step.indexes.size(); i++) {
          JsonNode child = node.get(step.indexes.get(i));
          if (child != null && !fromTreeNode(child, step.indexSteps.get(i))) {
            return false;
          }
        }
      }
      return missing > 0;
    }

    private boolean fromTreeNode(JsonNode node, Step step) {
      if (step.id >= 0 && !found(step.id, Values.ofJson(node))) {
        return false;
      }
      return fromTree(node, step);
    }

    /** Keeps the first value found for a path (a key can appear twice); false once all are found. */
    private boolean found(int id, Object value) {
      if (!found[id]) {
        found[id] = true;
        values[id] = value;
        missing--;
      }
      return missing > 0;
    }

    private static Object scalar(JsonParser parser) throws IOException {
      return switch (parser.currentToken()) {
        case VALUE_STRING -> parser.getText();
        case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? (Object) parser.getDoubleValue() : (Object) parser.getLongValue();
        case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        default -> null; // JSON null counts as missing, as a left-out key does in DataSipper's event JSON
      };
    }
  }

  private static boolean startsLikeJsonContainer(String text) {
    // Spares Jackson, and an exception, for HTML, plain text, "ping" and the like.
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' || c == '[') {
        return true;
      }
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
    }
    return false;
  }
}
