package io.idflow.api.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks a workflow definition on its own (without Conductor): a name, a valid version, at least
 * one task, every task with a name and a unique reference name at any depth, and every {@code
 * ${...}} expression pointing at {@code workflow}, a task reference of the same workflow, or a
 * server environment value ({@code CPEWF_TASK_ID}, upper case). Stateless and thread-safe.
 */
final class WorkflowValidator {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*");
  private static final Pattern ENVIRONMENT = Pattern.compile("[A-Z][A-Z0-9_]*");

  private WorkflowValidator() {}

  /** Problems of a whole workflow file's JSON. */
  static List<Problem> validate(JsonNode def) {
    List<Problem> problems = new ArrayList<>();
    if (!def.isObject()) {
      problems.add(new Problem("$", "a workflow definition must be a JSON object"));
      return problems;
    }
    JsonNode name = def.path("name");
    if (!name.isTextual() || name.asText().isBlank()) {
      problems.add(new Problem("$.name", "missing workflow name"));
    } else if (DefinitionNames.problem("workflow name", name.asText()) != null) {
      problems.add(new Problem("$.name", DefinitionNames.problem("workflow name", name.asText())));
    }
    JsonNode version = def.get("version");
    if (version != null
        && !version.isNull()
        && (!version.canConvertToInt() || !version.isIntegralNumber() || version.asInt() < 0)) {
      problems.add(new Problem("$.version", "version must be a whole number >= 0, not " + version));
    }
    validateScope(def, "$", problems);
    return problems;
  }

  /** Version of a valid definition: the JSON {@code version}, 1 when absent. */
  static int version(JsonNode def) {
    JsonNode v = def.get("version");
    return v == null || v.isNull() ? 1 : v.asInt();
  }

  /** One workflow's scope of task references (an inline sub-workflow has its own). */
  private static void validateScope(JsonNode def, String root, List<Problem> problems) {
    JsonNode tasks = def.path("tasks");
    if (!tasks.isArray() || tasks.isEmpty()) {
      problems.add(new Problem(root + ".tasks", "a workflow needs at least one task"));
      return;
    }
    Map<String, String> refs = new LinkedHashMap<>();
    List<Map.Entry<String, JsonNode>> inline = new ArrayList<>();
    WorkflowTasks.walk(
        def,
        root,
        (path, task) -> {
          if (!task.isObject()) {
            problems.add(new Problem(path, "a task must be a JSON object"));
            return;
          }
          JsonNode taskName = task.path("name");
          if (!taskName.isTextual() || taskName.asText().isBlank()) {
            problems.add(new Problem(path + ".name", "missing task name"));
          } else if (DefinitionNames.problem("task name", taskName.asText()) != null) {
            problems.add(
                new Problem(
                    path + ".name", DefinitionNames.problem("task name", taskName.asText())));
          }
          JsonNode ref = task.path("taskReferenceName");
          if (!ref.isTextual() || ref.asText().isBlank()) {
            problems.add(new Problem(path + ".taskReferenceName", "missing taskReferenceName"));
          } else {
            String other = refs.putIfAbsent(ref.asText(), path);
            if (other != null) {
              problems.add(
                  new Problem(
                      path + ".taskReferenceName",
                      "duplicate taskReferenceName '"
                          + ref.asText()
                          + "' (also at "
                          + other
                          + ")"));
            }
          }
          JsonNode sub = task.path("subWorkflowParam").path("workflowDefinition");
          if (sub.isObject()) {
            inline.add(Map.entry(path + ".subWorkflowParam.workflowDefinition", sub));
          }
        });
    checkExpressions(def, root, refs.keySet()::contains, problems);
    for (Map.Entry<String, JsonNode> sub : inline) {
      validateScope(sub.getValue(), sub.getKey(), problems);
    }
  }

  /** Every {@code ${...}} in string values of this scope (inline sub-workflows excluded). */
  private static void checkExpressions(
      JsonNode node, String path, Predicate<String> knownRef, List<Problem> problems) {
    if (node.isTextual()) {
      for (String head : expressionHeads(node.asText())) {
        if (!head.equals("workflow")
            && !knownRef.test(head)
            && !ENVIRONMENT.matcher(head).matches()) {
          problems.add(
              new Problem(path, "expression refers to unknown task reference '" + head + "'"));
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkExpressions(node.get(i), path + "[" + i + "]", knownRef, problems);
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("workflowDefinition") && path.endsWith(".subWorkflowParam")) {
          continue;
        }
        checkExpressions(e.getValue(), path + WorkflowTasks.key(e.getKey()), knownRef, problems);
      }
    }
  }

  /**
   * The first path segment of each {@code ${...}} in a string ({@code ref} of {@code
   * ${ref.output.x}}); {@code $${...}} is Conductor's escape for a literal and is skipped, as are
   * expressions whose head is not a plain name.
   */
  static List<String> expressionHeads(String s) {
    List<String> heads = new ArrayList<>();
    int i = s.indexOf("${");
    while (i >= 0) {
      boolean escaped = i > 0 && s.charAt(i - 1) == '$';
      int start = i + 2;
      int end = start;
      while (end < s.length() && ".[}".indexOf(s.charAt(end)) < 0) {
        end++;
      }
      String head = s.substring(start, end).trim();
      if (!escaped && IDENTIFIER.matcher(head).matches()) {
        heads.add(head);
      }
      i = s.indexOf("${", start);
    }
    return heads;
  }

  /** A problem inside one file. */
  record Problem(String path, String reason) {}
}
