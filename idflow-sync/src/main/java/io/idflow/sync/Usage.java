package io.idflow.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.api.definition.WorkflowTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Usage checks before deleting: which workflows use a task. Stateless and thread-safe. */
public final class Usage {

  private Usage() {}

  /**
   * Task name to the workflows that use it ({@code <name> v<version>}), counting every task at any
   * depth: fork branches, switch cases, loops, inline sub-workflows.
   *
   * @param workflows workflow definitions, e.g. every version Conductor has
   */
  public static Map<String, List<String>> taskUsage(List<? extends JsonNode> workflows) {
    Map<String, List<String>> usedBy = new TreeMap<>();
    for (JsonNode w : workflows) {
      String label = w.path("name").asText() + " v" + w.path("version").asInt(1);
      for (String task : WorkflowTasks.taskNames(w)) {
        usedBy.computeIfAbsent(task, k -> new ArrayList<>()).add(label);
      }
    }
    return usedBy;
  }
}
