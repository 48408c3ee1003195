package io.idflow.api.stage;

import io.idflow.api.document.StageStatus;
import io.idflow.api.value.internal.Names;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the {@code requirements} mapping of a merged stage tree. Not thread-safe. */
final class RequirementsReader {

  private static final String COUNT_CHOICES =
      Arrays.stream(CountOperator.values())
          .map(CountOperator::symbol)
          .collect(Collectors.joining(", "));

  private final Fields fields;

  RequirementsReader(Fields fields) {
    this.fields = fields;
  }

  /** The requirements; {@link Requirements#NONE} when absent (or broken, with problems added). */
  Requirements read(YamlNode node) {
    if (YamlNode.isNull(node)) {
      return Requirements.NONE;
    }
    if (!(node instanceof YamlNode.Mapping m)) {
      fields.problem(node, "requirements", "must be a mapping, not " + YamlNode.describe(node));
      return Requirements.NONE;
    }
    String at = "requirements.";
    List<Requirement> out = new ArrayList<>();
    YamlNode extras = m.get("extras");
    if (!YamlNode.isNull(extras)) {
      out.add(new Requirement.Extras(fields.texts(extras, at + "extras", "an extra name")));
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
        Fields.choices(AttributeOperator.values()),
        Requirement.AttributeCheck::new,
        out);
    checks(
        m.get("list_checks"),
        at + "list_checks",
        ListOperator::of,
        Fields.choices(ListOperator.values()),
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
      fields.problem(node, path, "must be a mapping with a key, not " + YamlNode.describe(node));
      return null;
    }
    int before = fields.problemCount();
    String key = fields.requiredText(m, "key", path + ".key", "missing file reference key");
    int count = 1;
    YamlNode c = m.get("count");
    if (!YamlNode.isNull(c)) {
      if (c instanceof YamlNode.Scalar s && s.value() instanceof Integer n && n >= 0) {
        count = n;
      } else {
        fields.problem(
            c, path + ".count", "must be a whole number of 0 or more, not " + YamlNode.describe(c));
      }
    }
    CountOperator op = CountOperator.GE;
    YamlNode o = m.get("count_operator");
    if (!YamlNode.isNull(o)) {
      op = fields.operator(o, path + ".count_operator", CountOperator::of, COUNT_CHOICES);
    }
    return fields.problemCount() > before ? null : new Requirement.FilePresence(key, count, op);
  }

  private Map<String, StageStatus> stages(YamlNode node, String path) {
    Map<String, StageStatus> out = new LinkedHashMap<>();
    if (!(node instanceof YamlNode.Mapping m)) {
      fields.problem(
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
                fields.problem(value, at, "'" + stage + "' is not a valid stage name");
                return;
              }
              YamlNode status = value;
              if (value instanceof YamlNode.Mapping entry) {
                status = entry.get("status");
                at += ".status";
                if (YamlNode.isNull(status)) {
                  fields.problem(entry, at, "missing status");
                  return;
                }
              }
              if (!(status instanceof YamlNode.Scalar s && s.value() instanceof String text)) {
                fields.problem(
                    status, at, "must be a stage status, not " + YamlNode.describe(status));
                return;
              }
              try {
                out.put(stage, StageStatus.of(text));
              } catch (IllegalArgumentException e) {
                fields.problem(status, at, e.getMessage());
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
    List<YamlNode> items = fields.list(node, path);
    for (int i = 0; i < items.size(); i++) {
      String at = path + "[" + i + "]";
      YamlNode item = items.get(i);
      if (!(item instanceof YamlNode.Mapping m)) {
        fields.problem(
            item,
            at,
            "a check must be a mapping (attribute, operator, value), not "
                + YamlNode.describe(item));
        continue;
      }
      int before = fields.problemCount();
      String name = fields.requiredText(m, "attribute", at + ".attribute", "missing attribute");
      E op = null;
      if (YamlNode.isNull(m.get("operator"))) {
        fields.problem(m, at + ".operator", "missing operator (one of " + choices + ")");
      } else {
        op = fields.operator(m.get("operator"), at + ".operator", operators, choices);
      }
      Object value = YamlNode.isNull(m.get("value")) ? null : m.get("value").toValue();
      boolean caseSensitive = fields.bool(m, "case_sensitive", at + ".case_sensitive", true);
      if (fields.problemCount() == before) {
        out.add(maker.make(name, op, value, caseSensitive));
      }
    }
  }

  private List<String> tasks(YamlNode node, String path) {
    List<YamlNode> items = fields.list(node, path);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      String at = path + "[" + i + "]";
      if (item instanceof YamlNode.Mapping m) {
        String name = fields.requiredText(m, "name", at + ".name", "missing task name");
        if (name != null) {
          out.add(name);
        }
      } else if (item instanceof YamlNode.Scalar s
          && s.value() instanceof String name
          && !name.isBlank()) {
        out.add(name);
      } else {
        fields.problem(
            item, at, "must be a task name or {name: ...}, not " + YamlNode.describe(item));
      }
    }
    return out;
  }
}
