package io.idflow.api.stage;

import io.idflow.api.definition.DefinitionProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Typed access to the fields of a stage file's tree: each getter returns the value or a default,
 * and adds a problem naming the file, line and field when the value has the wrong type. Not
 * thread-safe: one per load.
 */
final class Fields {

  private final List<DefinitionProblem> problems;

  /**
   * @param problems where problems are added
   */
  Fields(List<DefinitionProblem> problems) {
    this.problems = problems;
  }

  /** How many problems have been found so far. */
  int problemCount() {
    return problems.size();
  }

  /** A list of non-blank strings; null gives an empty list. */
  List<String> texts(YamlNode node, String path, String what) {
    List<YamlNode> items = list(node, path);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      if (item instanceof YamlNode.Scalar s && s.value() instanceof String t && !t.isBlank()) {
        out.add(t);
      } else {
        problem(item, path + "[" + i + "]", "must be " + what + ", not " + YamlNode.describe(item));
      }
    }
    return out;
  }

  /** The items of a list field; empty (and a problem) when it is not a list; empty when null. */
  List<YamlNode> list(YamlNode node, String path) {
    if (YamlNode.isNull(node)) {
      return List.of();
    }
    if (node instanceof YamlNode.Sequence s) {
      return s.items();
    }
    problem(node, path, "must be a list, not " + YamlNode.describe(node));
    return List.of();
  }

  /** An operator parsed by {@code parse}; null (and a problem) when it is not one. */
  <T> T operator(YamlNode node, String path, Function<String, T> parse, String choices) {
    if (node instanceof YamlNode.Scalar s && s.value() instanceof String text) {
      try {
        return parse.apply(text);
      } catch (IllegalArgumentException e) {
        problem(node, path, e.getMessage());
        return null;
      }
    }
    problem(node, path, "must be one of " + choices + ", not " + YamlNode.describe(node));
    return null;
  }

  /** A boolean field; {@code dflt} when absent or null. */
  boolean bool(YamlNode.Mapping m, String key, String path, boolean dflt) {
    YamlNode node = m.get(key);
    if (YamlNode.isNull(node)) {
      return dflt;
    }
    if (node instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
      return b;
    }
    problem(node, path, "must be true or false, not " + YamlNode.describe(node));
    return dflt;
  }

  /** A required non-blank string field; null (and a problem) when absent or not one. */
  String requiredText(YamlNode.Mapping m, String key, String path, String missing) {
    YamlNode node = m.get(key);
    if (YamlNode.isNull(node)) {
      problem(m, path, missing);
      return null;
    }
    if (node instanceof YamlNode.Scalar s && s.value() instanceof String t && !t.isBlank()) {
      return t;
    }
    problem(node, path, "must be a non-empty string, not " + YamlNode.describe(node));
    return null;
  }

  /** The names of an enum's constants, for messages. */
  static String choices(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
  }

  /** Adds a problem at a node: its file, {@code line N: <path>}, and the reason. */
  void problem(YamlNode at, String path, String reason) {
    problems.add(new DefinitionProblem(at.source(), "line " + at.line() + ": " + path, reason));
  }
}
