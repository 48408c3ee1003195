package io.idflow.api.stage;

import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.document.StageStatus;
import io.idflow.api.document.internal.Names;
import io.idflow.api.resource.Origin;
import io.idflow.api.resource.ResourceFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a merged stage mapping into a {@link StageDefinition}, collecting every problem with the
 * file, line and field it concerns. Unknown keys are ignored. Not thread-safe: one per load.
 */
final class StageReader {

  private static final String COUNT_CHOICES =
      Arrays.stream(CountOperator.values())
          .map(CountOperator::symbol)
          .collect(Collectors.joining(", "));

  private final List<DefinitionProblem> problems;

  /**
   * @param problems where problems are added
   */
  StageReader(List<DefinitionProblem> problems) {
    this.problems = problems;
  }

  /**
   * Reads a definition.
   *
   * @return the definition, or null when a problem was found (and added)
   */
  StageDefinition read(YamlNode.Mapping root, List<ResourceFile> sources, Origin origin) {
    int before = problems.size();
    String name = (String) ((YamlNode.Scalar) root.get("name")).value();
    boolean active = bool(root, "active", "active", true);
    boolean multipleCallable = bool(root, "multiple_callable", "multiple_callable", false);
    boolean noEval = bool(root, "no_eval", "no_eval", false);
    List<StageWorkflow> workflows = workflows(root.get("workflows"));
    Requirements requirements = requirements(root.get("requirements"));
    if (problems.size() > before) {
      return null;
    }
    return new StageDefinition(
        name, active, multipleCallable, noEval, workflows, requirements, sources, origin);
  }

  /**
   * Checks a file's {@code name} before merging.
   *
   * @return the name, or null when a problem was found (and added)
   */
  String name(YamlNode.Mapping root) {
    YamlNode node = root.get("name");
    if (YamlNode.isNull(node) || (node instanceof YamlNode.Scalar s && "".equals(s.value()))) {
      problem(root, "name", "missing stage name");
      return null;
    }
    if (!(node instanceof YamlNode.Scalar s && s.value() instanceof String name)) {
      problem(node, "name", "must be a stage name (a string), not " + YamlNode.describe(node));
      return null;
    }
    if (!Names.isKey(name)) {
      problem(
          node,
          "name",
          "invalid stage name '"
              + name
              + "': expected letters, digits, '_', '.' or '-', not starting with '.' or '-'");
      return null;
    }
    return name;
  }

  private List<StageWorkflow> workflows(YamlNode node) {
    List<YamlNode> items = list(node, "workflows");
    List<StageWorkflow> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "workflows[" + i + "]";
      YamlNode item = items.get(i);
      if (!(item instanceof YamlNode.Mapping m)) {
        problem(
            item, path, "a workflow must be a mapping with a name, not " + YamlNode.describe(item));
        continue;
      }
      int before = problems.size();
      String name = requiredText(m, "name", path + ".name", "missing workflow name");
      Integer version = version(m.get("version"), path + ".version");
      String when = when(m.get("when"), path + ".when");
      Map<String, Object> inputs = inputs(m.get("inputs"), path + ".inputs");
      if (name != null && !names.add(name)) {
        problem(m.get("name"), path + ".name", "workflow '" + name + "' is listed more than once");
      }
      if (problems.size() == before) {
        out.add(new StageWorkflow(name, version, when, inputs));
      }
    }
    return out;
  }

  private Integer version(YamlNode node, String path) {
    if (YamlNode.isNull(node)) {
      return null;
    }
    if (node instanceof YamlNode.Scalar s && s.value() instanceof Integer v && v >= 1) {
      return v;
    }
    problem(node, path, "must be a whole number of 1 or more, not " + YamlNode.describe(node));
    return null;
  }

  private String when(YamlNode node, String path) {
    if (YamlNode.isNull(node)) {
      return null;
    }
    if (node instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
      return b.toString();
    }
    if (node instanceof YamlNode.Scalar s && s.value() instanceof String w && !w.isBlank()) {
      return w;
    }
    problem(
        node, path, "must be a JavaScript condition (a string), not " + YamlNode.describe(node));
    return null;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> inputs(YamlNode node, String path) {
    if (YamlNode.isNull(node)) {
      return Map.of();
    }
    if (node instanceof YamlNode.Mapping m) {
      return (Map<String, Object>) m.toValue();
    }
    problem(node, path, "must be a mapping, not " + YamlNode.describe(node));
    return Map.of();
  }

  private Requirements requirements(YamlNode node) {
    if (YamlNode.isNull(node)) {
      return Requirements.NONE;
    }
    if (!(node instanceof YamlNode.Mapping m)) {
      problem(node, "requirements", "must be a mapping, not " + YamlNode.describe(node));
      return Requirements.NONE;
    }
    String at = "requirements.";
    List<Requirement> out = new ArrayList<>();
    YamlNode extras = m.get("extras");
    if (!YamlNode.isNull(extras)) {
      out.add(new Requirement.Extras(texts(extras, at + "extras", "an extra name")));
    }
    YamlNode files = m.get("file_presence");
    if (!YamlNode.isNull(files)) {
      Requirement.FilePresence f = filePresence(files, at + "file_presence");
      if (f != null) {
        out.add(f);
      }
    }
    YamlNode stages = m.get("stages");
    if (!YamlNode.isNull(stages)) {
      out.add(new Requirement.Stages(stages(stages, at + "stages")));
    }
    checks(
        m.get("attribute_checks"),
        at + "attribute_checks",
        AttributeOperator::of,
        choices(AttributeOperator.values()),
        Requirement.AttributeCheck::new,
        out);
    checks(
        m.get("list_checks"),
        at + "list_checks",
        ListOperator::of,
        choices(ListOperator.values()),
        Requirement.ListCheck::new,
        out);
    YamlNode tasks = m.get("tasks");
    if (!YamlNode.isNull(tasks)) {
      out.add(new Requirement.Tasks(tasks(tasks, at + "tasks")));
    }
    return new Requirements(out);
  }

  private Requirement.FilePresence filePresence(YamlNode node, String path) {
    if (!(node instanceof YamlNode.Mapping m)) {
      problem(node, path, "must be a mapping with a key, not " + YamlNode.describe(node));
      return null;
    }
    int before = problems.size();
    String key = requiredText(m, "key", path + ".key", "missing file reference key");
    int count = 1;
    YamlNode c = m.get("count");
    if (!YamlNode.isNull(c)) {
      if (c instanceof YamlNode.Scalar s && s.value() instanceof Integer n && n >= 0) {
        count = n;
      } else {
        problem(c, path + ".count", "must be a whole number of 0 or more, not " + describe(c));
      }
    }
    CountOperator op = CountOperator.GE;
    YamlNode o = m.get("count_operator");
    if (!YamlNode.isNull(o)) {
      op = operator(o, path + ".count_operator", CountOperator::of, COUNT_CHOICES);
    }
    return problems.size() > before ? null : new Requirement.FilePresence(key, count, op);
  }

  private Map<String, StageStatus> stages(YamlNode node, String path) {
    Map<String, StageStatus> out = new LinkedHashMap<>();
    if (!(node instanceof YamlNode.Mapping m)) {
      problem(
          node,
          path,
          "must map stage names to statuses (other_stage: {status: done}), not "
              + YamlNode.describe(node));
      return out;
    }
    m.entries()
        .forEach(
            (stage, value) -> {
              String at = path + "." + stage;
              if (!Names.isKey(stage)) {
                problem(value, at, "'" + stage + "' is not a valid stage name");
                return;
              }
              YamlNode status = value;
              if (value instanceof YamlNode.Mapping entry) {
                status = entry.get("status");
                at += ".status";
                if (YamlNode.isNull(status)) {
                  problem(entry, at, "missing status");
                  return;
                }
              }
              if (!(status instanceof YamlNode.Scalar s && s.value() instanceof String text)) {
                problem(status, at, "must be a stage status, not " + describe(status));
                return;
              }
              try {
                out.put(stage, StageStatus.of(text));
              } catch (IllegalArgumentException e) {
                problem(status, at, e.getMessage());
              }
            });
    return out;
  }

  /** Builds one check from its validated fields. */
  private interface CheckMaker<E> {
    Requirement make(String attribute, E operator, Object value, boolean caseSensitive);
  }

  private <E> void checks(
      YamlNode node,
      String path,
      Function<String, E> operators,
      String choices,
      CheckMaker<E> maker,
      List<Requirement> out) {
    List<YamlNode> items = list(node, path);
    for (int i = 0; i < items.size(); i++) {
      String at = path + "[" + i + "]";
      YamlNode item = items.get(i);
      if (!(item instanceof YamlNode.Mapping m)) {
        problem(
            item,
            at,
            "a check must be a mapping (attribute, operator, value), not "
                + YamlNode.describe(item));
        continue;
      }
      int before = problems.size();
      String name = requiredText(m, "attribute", at + ".attribute", "missing attribute");
      E op = null;
      if (YamlNode.isNull(m.get("operator"))) {
        problem(m, at + ".operator", "missing operator (one of " + choices + ")");
      } else {
        op = operator(m.get("operator"), at + ".operator", operators, choices);
      }
      Object value = YamlNode.isNull(m.get("value")) ? null : m.get("value").toValue();
      boolean caseSensitive = bool(m, "case_sensitive", at + ".case_sensitive", true);
      if (problems.size() == before) {
        out.add(maker.make(name, op, value, caseSensitive));
      }
    }
  }

  private List<String> tasks(YamlNode node, String path) {
    List<YamlNode> items = list(node, path);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      String at = path + "[" + i + "]";
      if (item instanceof YamlNode.Mapping m) {
        String name = requiredText(m, "name", at + ".name", "missing task name");
        if (name != null) {
          out.add(name);
        }
      } else if (item instanceof YamlNode.Scalar s
          && s.value() instanceof String name
          && !name.isBlank()) {
        out.add(name);
      } else {
        problem(item, at, "must be a task name or {name: ...}, not " + YamlNode.describe(item));
      }
    }
    return out;
  }

  private List<String> texts(YamlNode node, String path, String what) {
    List<YamlNode> items = list(node, path);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      if (item instanceof YamlNode.Scalar s && s.value() instanceof String t && !t.isBlank()) {
        out.add(t);
      } else {
        problem(item, path + "[" + i + "]", "must be " + what + ", not " + describe(item));
      }
    }
    return out;
  }

  /** The items of a list field; empty (and a problem) when it is not a list; empty when null. */
  private List<YamlNode> list(YamlNode node, String path) {
    if (YamlNode.isNull(node)) {
      return List.of();
    }
    if (node instanceof YamlNode.Sequence s) {
      return s.items();
    }
    problem(node, path, "must be a list, not " + YamlNode.describe(node));
    return List.of();
  }

  private <T> T operator(YamlNode node, String path, Function<String, T> parse, String choices) {
    if (node instanceof YamlNode.Scalar s && s.value() instanceof String text) {
      try {
        return parse.apply(text);
      } catch (IllegalArgumentException e) {
        problem(node, path, e.getMessage());
        return null;
      }
    }
    problem(node, path, "must be one of " + choices + ", not " + describe(node));
    return null;
  }

  private boolean bool(YamlNode.Mapping m, String key, String path, boolean dflt) {
    YamlNode node = m.get(key);
    if (YamlNode.isNull(node)) {
      return dflt;
    }
    if (node instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
      return b;
    }
    problem(node, path, "must be true or false, not " + describe(node));
    return dflt;
  }

  private String requiredText(YamlNode.Mapping m, String key, String path, String missing) {
    YamlNode node = m.get(key);
    if (YamlNode.isNull(node)) {
      problem(m, path, missing);
      return null;
    }
    if (node instanceof YamlNode.Scalar s && s.value() instanceof String t && !t.isBlank()) {
      return t;
    }
    problem(node, path, "must be a non-empty string, not " + describe(node));
    return null;
  }

  private static String choices(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
  }

  private static String describe(YamlNode node) {
    return YamlNode.describe(node);
  }

  private void problem(YamlNode at, String path, String reason) {
    problems.add(new DefinitionProblem(at.source(), "line " + at.line() + ": " + path, reason));
  }
}
