package io.idflow.api.stage;

import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.resource.Origin;
import io.idflow.api.resource.ResourceFile;
import io.idflow.api.value.internal.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a merged stage mapping into a {@link StageDefinition}, collecting every problem with the
 * file, line and field it concerns. Unknown keys are ignored. Not thread-safe: one per load.
 */
final class StageReader {

  private final Fields fields;
  private final RequirementsReader requirements;

  /**
   * @param problems where problems are added
   */
  StageReader(List<DefinitionProblem> problems) {
    this.fields = new Fields(problems);
    this.requirements = new RequirementsReader(fields);
  }

  /**
   * Reads a definition.
   *
   * @return the definition, or null when a problem was found (and added)
   */
  StageDefinition read(YamlNode.Mapping root, List<ResourceFile> sources, Origin origin) {
    int before = fields.problemCount();
    String name = (String) ((YamlNode.Scalar) root.get("name")).value();
    boolean active = fields.bool(root, "active", "active", true);
    boolean multipleCallable = fields.bool(root, "multiple_callable", "multiple_callable", false);
    boolean noEval = fields.bool(root, "no_eval", "no_eval", false);
    List<StageWorkflow> workflows = workflows(root.get("workflows"));
    Requirements reqs = requirements.read(root.get("requirements"));
    if (fields.problemCount() > before) {
      return null;
    }
    return new StageDefinition(
        name, active, multipleCallable, noEval, workflows, reqs, sources, origin);
  }

  /**
   * Checks a file's {@code name} before merging.
   *
   * @return the name, or null when a problem was found (and added)
   */
  String name(YamlNode.Mapping root) {
    YamlNode node = root.get("name");
    if (YamlNode.isNull(node) || (node instanceof YamlNode.Scalar s && "".equals(s.value()))) {
      fields.problem(root, "name", "missing stage name");
      return null;
    }
    if (!(node instanceof YamlNode.Scalar s && s.value() instanceof String name)) {
      fields.problem(
          node, "name", "must be a stage name (a string), not " + YamlNode.describe(node));
      return null;
    }
    if (!Names.isKey(name)) {
      fields.problem(
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
    List<YamlNode> items = fields.list(node, "workflows");
    List<StageWorkflow> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "workflows[" + i + "]";
      YamlNode item = items.get(i);
      if (!(item instanceof YamlNode.Mapping m)) {
        fields.problem(
            item, path, "a workflow must be a mapping with a name, not " + YamlNode.describe(item));
        continue;
      }
      int before = fields.problemCount();
      String name = fields.requiredText(m, "name", path + ".name", "missing workflow name");
      Integer version = version(m.get("version"), path + ".version");
      String when = when(m.get("when"), path + ".when");
      Map<String, Object> inputs = inputs(m.get("inputs"), path + ".inputs");
      if (name != null && !names.add(name)) {
        fields.problem(
            m.get("name"), path + ".name", "workflow '" + name + "' is listed more than once");
      }
      if (fields.problemCount() == before) {
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
    fields.problem(
        node, path, "must be a whole number of 1 or more, not " + YamlNode.describe(node));
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
    fields.problem(
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
    fields.problem(node, path, "must be a mapping, not " + YamlNode.describe(node));
    return Map.of();
  }
}
