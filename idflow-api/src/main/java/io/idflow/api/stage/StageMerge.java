package io.idflow.api.stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deep merge of stage files with the same name (reference §4.2): mappings merge recursively;
 * the top-level {@code workflows} lists merge element-wise by workflow {@code name}; any other
 * value or list is replaced by the overlay's. Nodes keep the file and line they came from.
 */
final class StageMerge {

  private StageMerge() {}

  /**
   * Merges a higher-precedence stage file over what lower ones gave.
   *
   * @param base the merged lower-precedence files
   * @param overlay the next file's top-level mapping
   */
  static YamlNode.Mapping stage(YamlNode.Mapping base, YamlNode.Mapping overlay) {
    Map<String, YamlNode> out = new LinkedHashMap<>(base.entries());
    overlay
        .entries()
        .forEach(
            (key, value) -> {
              YamlNode old = out.get(key);
              if (key.equals("workflows")
                  && old instanceof YamlNode.Sequence b
                  && value instanceof YamlNode.Sequence o) {
                out.put(key, workflows(b, o));
              } else {
                out.put(key, deep(old, value));
              }
            });
    return new YamlNode.Mapping(out, overlay.source(), overlay.line());
  }

  /** Mappings merge recursively; anything else is replaced by the overlay. */
  static YamlNode deep(YamlNode base, YamlNode overlay) {
    if (base instanceof YamlNode.Mapping b && overlay instanceof YamlNode.Mapping o) {
      Map<String, YamlNode> out = new LinkedHashMap<>(b.entries());
      o.entries().forEach((key, value) -> out.put(key, deep(out.get(key), value)));
      return new YamlNode.Mapping(out, o.source(), o.line());
    }
    return overlay;
  }

  /**
   * Overlay entries in overlay order, each deep-merged into the base entry of the same name when
   * there is one; then the base entries the overlay did not name, in base order; then the entries
   * without a name (base first), which validation reports.
   */
  static YamlNode.Sequence workflows(YamlNode.Sequence base, YamlNode.Sequence overlay) {
    Map<String, YamlNode> baseByName = new LinkedHashMap<>();
    List<YamlNode> unnamed = new ArrayList<>();
    for (YamlNode item : base.items()) {
      String name = name(item);
      if (name == null || baseByName.putIfAbsent(name, item) != null) {
        unnamed.add(item);
      }
    }
    List<YamlNode> out = new ArrayList<>();
    List<YamlNode> unnamedOverlay = new ArrayList<>();
    for (YamlNode item : overlay.items()) {
      String name = name(item);
      if (name == null) {
        unnamedOverlay.add(item);
      } else {
        YamlNode old = baseByName.remove(name);
        out.add(old == null ? item : deep(old, item));
      }
    }
    out.addAll(baseByName.values());
    out.addAll(unnamed);
    out.addAll(unnamedOverlay);
    return new YamlNode.Sequence(out, overlay.source(), overlay.line());
  }

  private static String name(YamlNode item) {
    return item instanceof YamlNode.Mapping m
            && m.get("name") instanceof YamlNode.Scalar s
            && s.value() instanceof String n
        ? n
        : null;
  }
}
