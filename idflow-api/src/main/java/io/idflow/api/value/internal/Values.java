package io.idflow.api.value.internal;

import io.idflow.api.internal.Json;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frontmatter values: the types a document may hold (string, number, boolean, null, list, map with
 * string keys), normalised into immutable copies so that what is read back from a file equals what
 * was put. Internal: not part of idflow's API; shared by the document model ({@code
 * io.idflow.api.document}) and the store ({@code io.idflow.api.document.internal}), and depends on
 * neither. Stateless and thread-safe.
 */
public final class Values {

  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Values() {}

  /** An immutable map that only {@link Values} creates, so it is known to be normalised. */
  private static final class FrozenMap extends java.util.AbstractMap<String, Object> {
    private final Map<String, Object> map;

    FrozenMap(Map<String, Object> map) {
      this.map = map;
    }

    @Override
    public java.util.Set<Entry<String, Object>> entrySet() {
      return Collections.unmodifiableMap(map).entrySet();
    }

    @Override
    public Object get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }
  }

  /** An immutable list that only {@link Values} creates, so it is known to be normalised. */
  private static final class FrozenList extends java.util.AbstractList<Object>
      implements java.util.RandomAccess {
    private final List<Object> list;

    FrozenList(List<Object> list) {
      this.list = list;
    }

    @Override
    public Object get(int index) {
      return list.get(index);
    }

    @Override
    public int size() {
      return list.size();
    }
  }

  /**
   * Freezes a map whose values are normalised already (as readers build them); the map must not be
   * changed afterwards. Used by the store's YAML reader, which builds normalised values as it
   * reads, so that {@link #normalize} does not copy them again.
   */
  public static Map<String, Object> frozen(Map<String, Object> normalised) {
    return new FrozenMap(normalised);
  }

  /** Freezes a list whose elements are normalised already; it must not be changed afterwards. */
  public static List<Object> frozen(List<Object> normalised) {
    return new FrozenList(normalised);
  }

  /**
   * An immutable, normalised copy of a value: integers become the smallest of {@code Integer},
   * {@code Long}, {@code BigInteger}; other numbers become {@code Double}; collections and arrays
   * become unmodifiable lists; maps become unmodifiable insertion-ordered maps.
   *
   * @param where where the value sits, for the message ("title", "meta.tags[2]")
   * @throws IllegalArgumentException for other types, non-string map keys and non-finite numbers
   */
  public static Object normalize(Object value, String where) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof FrozenMap
        || value instanceof FrozenList) {
      return value;
    }
    if (value instanceof Integer) {
      return value;
    }
    if (value instanceof Long l) {
      return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) l.intValue() : l;
    }
    if (value instanceof Short || value instanceof Byte) {
      return ((Number) value).intValue();
    }
    if (value instanceof BigInteger b) {
      if (b.compareTo(INT_MIN) >= 0 && b.compareTo(INT_MAX) <= 0) {
        return b.intValue();
      }
      if (b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0) {
        return b.longValue();
      }
      return b;
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException(
            where + ": " + value + " cannot be stored (only finite numbers)");
      }
      return d;
    }
    if (value instanceof Character c) {
      return String.valueOf(c);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String k)) {
          throw new IllegalArgumentException(
              where + ": map keys must be strings, not " + e.getKey());
        }
        copy.put(k, normalize(e.getValue(), where + "." + k));
      }
      return new FrozenMap(copy);
    }
    if (value instanceof Collection<?> c) {
      List<Object> copy = new ArrayList<>(c.size());
      int i = 0;
      for (Object o : c) {
        copy.add(normalize(o, where + "[" + i++ + "]"));
      }
      return new FrozenList(copy);
    }
    if (value.getClass().isArray()) {
      int n = Array.getLength(value);
      List<Object> copy = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        copy.add(normalize(Array.get(value, i), where + "[" + i + "]"));
      }
      return new FrozenList(copy);
    }
    throw new IllegalArgumentException(
        where
            + ": values of type "
            + value.getClass().getName()
            + " cannot be stored (use strings, numbers, booleans, null, lists and maps)");
  }

  /** An immutable, normalised copy of a map of values. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> normalizeMap(Map<String, ?> map, String where) {
    return map == null ? Map.of() : (Map<String, Object>) normalize(map, where);
  }

  /**
   * Whether a value counts as present for the {@code exists} filter: not null, not {@code false},
   * not an empty string, list or map.
   */
  public static boolean isPresent(Object value) {
    if (value == null || Boolean.FALSE.equals(value)) {
      return false;
    }
    if (value instanceof String s) {
      return !s.isEmpty();
    }
    if (value instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  /** A value as one line of text: strings as they are, everything else as compact JSON. */
  public static String display(Object value) {
    if (value instanceof String s) {
      return s;
    }
    return Json.compact(value);
  }

  /**
   * Looks up a property: the top-level key with exactly this name when there is one, else the dot
   * path into nested maps ({@code meta.owner}).
   *
   * @return the value, or null when missing
   */
  public static Object lookup(Map<String, Object> properties, String key) {
    if (properties.containsKey(key)) {
      return properties.get(key);
    }
    if (key.indexOf('.') < 0) {
      return null;
    }
    Object current = properties;
    for (String part : key.split("\\.", -1)) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(part);
    }
    return current;
  }

  /**
   * A body as files keep it: null becomes empty, leading blank lines and trailing whitespace are
   * removed, line ends become {@code \n}.
   */
  public static String normalizeBody(String body) {
    if (body == null || body.isEmpty()) {
      return "";
    }
    String b = body.indexOf('\r') >= 0 ? body.replace("\r\n", "\n").replace('\r', '\n') : body;
    b = b.stripTrailing();
    int firstText = 0;
    while (firstText < b.length() && Character.isWhitespace(b.charAt(firstText))) {
      firstText++;
    }
    int lineStart = b.lastIndexOf('\n', firstText - 1) + 1;
    return lineStart == 0 ? b : b.substring(lineStart);
  }
}
