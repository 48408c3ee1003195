package io.idflow.api.stage;

import io.idflow.api.value.internal.Values;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written: the file (as its base names it) and the line.
 * Stage files are parsed into these trees so that problems found after merging several files still
 * name the file and line the offending value came from. Immutable.
 */
sealed interface YamlNode {

  /** The file, e.g. {@code stages/blog.yml} or {@code core:stages/blog.yml}. */
  String source();

  /** The 1-based line. */
  int line();

  /** The plain value: maps, lists and scalars, normalised as document properties are. */
  Object toValue();

  /** A YAML mapping; keys in file order. */
  record Mapping(Map<String, YamlNode> entries, String source, int line) implements YamlNode {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** The entry's node, or null when the key is absent. */
    public YamlNode get(String key) {
      return entries.get(key);
    }

    @Override
    public Object toValue() {
      Map<String, Object> out = new LinkedHashMap<>();
      entries.forEach((k, v) -> out.put(k, v.toValue()));
      return Values.normalize(out, "value");
    }
  }

  /** A YAML sequence. */
  record Sequence(List<YamlNode> items, String source, int line) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public Object toValue() {
      List<Object> out = new ArrayList<>(items.size());
      items.forEach(i -> out.add(i.toValue()));
      return Values.normalize(out, "value");
    }
  }

  /**
   * A YAML scalar.
   *
   * @param value a {@code String}, {@code Boolean}, a number as {@link Values#normalize} keeps it,
   *     or null
   */
  record Scalar(Object value, String source, int line) implements YamlNode {
    @Override
    public Object toValue() {
      return value;
    }
  }

  /** Whether the node is absent or an explicit YAML null ({@code key:}, {@code ~}). */
  static boolean isNull(YamlNode node) {
    return node == null || (node instanceof Scalar s && s.value() == null);
  }

  /** How the node's value is described in messages: its text, or its kind for collections. */
  static String describe(YamlNode node) {
    if (node instanceof Mapping) {
      return "a mapping";
    }
    if (node instanceof Sequence) {
      return "a list";
    }
    Object v = ((Scalar) node).value();
    return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
  }
}
